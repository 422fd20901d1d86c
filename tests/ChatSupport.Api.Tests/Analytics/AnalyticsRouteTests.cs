using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using CsvHelper;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Analytics;

/// <summary>Chats made through the real hubs, then read through /api/analytics: the report, its exports, and bad arguments.</summary>
[Collection(ApiCollection.Name)]
public sealed class AnalyticsRouteTests(ApiHostFixture f)
{
    // An operator's name that a spreadsheet would run as a formula.
    private const string FormulaName = "=HYPERLINK(\"http://evil\")";

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Range => $"from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={Today}";

    [Fact]
    public async Task The_report_counts_the_chats_and_every_export_holds_the_same_numbers()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", FormulaName);
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        for (var i = 0; i < 2; i++)
        {
            await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
            var id = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
            await visitor.SendAsync(id, "v1", "Hello?");
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", id);
            await alex.SendAsync(id, "a1", "Hi!");
            await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", id);
            await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", id, 4 + i, null, false);
        }

        var report = await Eventually.GetAsync(async () => await (await browser.GetAsync($"api/analytics/report?{Range}&tz=Europe/Berlin")).Content.ReadFromJsonAsync<JsonElement>(),
            r => r.GetProperty("satisfaction").GetProperty("ratings").GetInt64() == 2, TimeSpan.FromSeconds(30), "both chats in the report");
        report.GetProperty("totals").GetProperty("started").GetInt64().Should().Be(2);
        report.GetProperty("totals").GetProperty("resolved").GetInt64().Should().Be(2);
        report.GetProperty("satisfaction").GetProperty("csat").GetDouble().Should().Be(1.0);
        report.GetProperty("firstResponse").GetProperty("n").GetInt64().Should().Be(2);
        var agent = report.GetProperty("agents").EnumerateArray().Should().ContainSingle().Subject;
        agent.GetProperty("agentName").GetString().Should().Be(FormulaName, "the report itself is exact");

        // The agents table: JSON export = the report's rows; CSV export = the same cells, the formula escaped.
        var json = await (await browser.GetAsync($"api/analytics/export?table=agents&format=json&{Range}&tz=Europe/Berlin")).Content.ReadFromJsonAsync<JsonElement>();
        var jsonRow = json.EnumerateArray().Should().ContainSingle().Subject;
        jsonRow.GetProperty("handled").GetInt64().Should().Be(agent.GetProperty("handled").GetInt64());
        jsonRow.GetProperty("meanStars").GetDouble().Should().Be(agent.GetProperty("meanStars").GetDouble());
        jsonRow.GetProperty("firstResponseMedian").GetInt64().Should().Be(agent.GetProperty("firstResponse").GetProperty("median").GetInt64());
        jsonRow.GetProperty("agentName").GetString().Should().Be(FormulaName);

        var csvResponse = await browser.GetAsync($"api/analytics/export?table=agents&format=csv&{Range}&tz=Europe/Berlin");
        csvResponse.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        using var csv = CsvReader.Create(await csvResponse.Content.ReadAsByteArrayAsync(), null);
        csv.Read().Should().BeTrue();
        foreach (var property in jsonRow.EnumerateObject())
        {
            var cell = csv.GetString(property.Name);
            if (property.Name == "agentName") cell.Should().Be("'" + FormulaName, "a cell a spreadsheet would run is escaped");
            else cell.Should().Be(property.Value.ValueKind == JsonValueKind.Null ? "" : property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText(),
                $"the CSV's {property.Name} is the JSON's");
        }
        csv.Read().Should().BeFalse();
    }

    [Theory]
    [InlineData("from=2026-11-03&to=2026-11-01")]
    [InlineData("from=2024-01-01&to=2026-11-01")]
    [InlineData("from=2026-11-01&to=2026-11-02&tz=Mars/Olympus")]
    [InlineData("from=1+Nov&to=2026-11-02")]
    [InlineData("from=2026-11-01&to=2026-11-02&groupBy=month")]
    [InlineData("from=2026-11-01&to=2026-11-02&agent=nobody-here")]
    [InlineData("from=2026-11-01&to=2026-11-02&agent=bad%20id")]
    public async Task Bad_arguments_are_refused_with_invalid_input_and_a_sentence(string query)
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        foreach (var path in new[] { "api/analytics/report?" + query, "api/analytics/export?table=totals&format=csv&" + query })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("error").GetString().Should().Be("invalid_input");
            body.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task An_unknown_table_or_format_is_refused()
    {
        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        (await browser.GetAsync($"api/analytics/export?table=secrets&format=csv&{Range}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync($"api/analytics/export?table=totals&format=xlsx&{Range}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
