using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Api.Hubs;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.Operations;

/// <summary>/metrics: Prometheus text for signed-in System Admins, with ChatSupport's own counters moving as chats happen.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class MetricsTests(ApiHostFixture f)
{
    [Fact]
    public async Task An_admin_sees_the_stored_message_counter_move_when_a_visitor_writes_and_nobody_else_sees_the_metrics()
    {
        using (var anonymous = new HttpClient { BaseAddress = f.Host.BaseAddress })
            (await anonymous.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var tenant = await f.Host.NewTenantAsync();
        await f.Host.EnsureOperatorAsync(tenant, "alex", "Alex");
        using var admin = await f.Host.SignInAsync(tenant, "alex");
        var before = await VisitorMessagesStoredAsync(admin);

        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" });
        for (var i = 0; i < 3; i++) await visitor.SendAsync(started.Session.SessionId, $"m{i}", $"Hello {i}");

        // Other tests write too: at least our three, counted where they were stored.
        await Eventually.GetAsync(() => VisitorMessagesStoredAsync(admin), n => n >= before + 3, what: "the counter after three messages");
        var text = await (await admin.GetAsync("metrics")).Content.ReadAsStringAsync();
        text.Should().Contain("chatsupport_message_ack_duration", "the acknowledgement latency is measured at the hub");
        text.Should().Contain("chatsupport_chat_events_total{", "session events are counted by kind");
    }

    private static async Task<double> VisitorMessagesStoredAsync(OperatorBrowser admin)
    {
        var response = await admin.GetAsync("metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var match = VisitorCounter().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""chatsupport_messages_stored_total\{[^}]*sender="visitor"[^}]*\} (?<n>[0-9.e+]+)""")]
    private static partial Regex VisitorCounter();
}
