using System.Net;
using System.Text;
using ChatSupport.Api.Hubs;
using ChatSupport.Api.Tests.Archive;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// A visitor-controlled field that a spreadsheet would run as a formula (it starts with = + - @, tab or CR) is
/// prefixed with ' in the CSV export (OWASP), and stays exact in the JSON and text exports.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CsvFormulaTests(ApiHostFixture f)
{
    private const string EvilName = "=HYPERLINK(\"http://evil\")";
    private const string EvilEmail = "@evil.example";
    private const string EvilText = "+cmd";
    private const string EvilFeedback = "-2+3";

    [Fact]
    public async Task Formula_fields_are_prefixed_with_a_quote_in_csv_and_exact_in_json_and_text()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var browser = await f.Host.SignInAsync(tenant, "alex");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = EvilName, Email = EvilEmail })).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await visitor.SendAsync(sessionId, "v1", EvilText);
        await alex.SendAsync(sessionId, "a1", "plain answer");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 4, EvilFeedback, false);
        await Eventually.GetAsync(() => browser.GetAsync($"api/archive/chats/{sessionId}"),
            r => r.StatusCode == HttpStatusCode.OK && r.Content.ReadAsStringAsync().Result.Contains("\"stars\":4", StringComparison.Ordinal),
            what: "the rated chat in the archive");

        var csvBody = await DownloadAsync(browser, $"api/archive/chats/{sessionId}/export?format=csv");
        var raw = Encoding.UTF8.GetString(csvBody);
        raw.Should().Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"").And.Contain("'+cmd").And.Contain("'@evil.example").And.Contain("'-2+3");
        raw.Should().NotContain(",=HYPERLINK").And.NotContain(",+cmd").And.NotContain(",\"+cmd").And.NotContain(",-2+3");
        var csv = ExportParsers.Csv(csvBody).Should().ContainSingle().Subject;
        csv.VisitorName.Should().Be("'" + EvilName);
        csv.VisitorEmail.Should().Be("'" + EvilEmail);
        csv.Feedback.Should().Be("'" + EvilFeedback);
        csv.Messages.Select(m => (m.Text, m.SenderName)).Should().Equal(("'" + EvilText, "'" + EvilName), ("plain answer", "Alex"));
        // The same rule the tests use for expectations elsewhere.
        ExportParsers.AsCsvShows(EvilText).Should().Be("'" + EvilText);

        var json = ExportParsers.Json(await DownloadAsync(browser, $"api/archive/chats/{sessionId}/export?format=json")).Should().ContainSingle().Subject;
        json.VisitorName.Should().Be(EvilName);
        json.VisitorEmail.Should().Be(EvilEmail);
        json.Feedback.Should().Be(EvilFeedback);
        json.Messages.Select(m => m.Text).Should().Equal(EvilText, "plain answer");

        var text = Encoding.UTF8.GetString(await DownloadAsync(browser, $"api/archive/chats/{sessionId}/export?format=text"));
        text.Should().Contain(EvilName).And.Contain(EvilText).And.NotContain("'" + EvilText);
    }

    private static async Task<byte[]> DownloadAsync(OperatorBrowser browser, string path)
    {
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
