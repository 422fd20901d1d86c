using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Notes;

/// <summary>A reopen is counted in analytics from the session's ChatReopened event: in the report, per agent and in the exports.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReopenAnalyticsTests(ApiHostFixture f)
{
    private static string Range =>
        $"from={DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task A_reopen_is_counted_once_in_the_report_per_agent_and_in_the_totals_export()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.SendAsync(sessionId, "a1", "Done, anything else?");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Reopen", sessionId);
        await alex.SendAsync(sessionId, "a2", "Following up: did the refund arrive?");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

        // Both ends are counted once each; the reopen between them once.
        var report = await Eventually.GetAsync(async () => await (await browser.GetAsync($"api/analytics/report?{Range}")).Content.ReadFromJsonAsync<JsonElement>(),
            r => r.GetProperty("totals").GetProperty("resolved").GetInt64() == 2, TimeSpan.FromSeconds(30), "both ends of the chat in the report");
        report.GetProperty("totals").GetProperty("reopened").GetInt64().Should().Be(1);
        report.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("reopened").GetInt64()).Should().Be(1);
        report.GetProperty("agents").EnumerateArray().Should().ContainSingle().Which.GetProperty("reopened").GetInt64().Should().Be(1);

        var totals = await (await browser.GetAsync($"api/analytics/export?table=totals&format=json&{Range}")).Content.ReadFromJsonAsync<JsonElement>();
        totals.EnumerateArray().Should().ContainSingle(r => r.GetProperty("metric").GetString() == "chats reopened")
            .Which.GetProperty("value").GetInt64().Should().Be(1);
    }
}
