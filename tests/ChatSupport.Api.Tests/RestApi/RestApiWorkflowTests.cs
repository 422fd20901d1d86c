using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.ApiKeys;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests.RestApi;

/// <summary>
/// A server with an API key works the seed workflow through REST API v1 while the visitor chats in the widget's hub:
/// the chat appears on the desk, is assigned, answered, noted and resolved, then read back from the archive and analytics.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RestApiWorkflowTests(ApiHostFixture f)
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_key_assigns_answers_notes_and_resolves_a_visitors_chat_then_reads_it_in_the_archive_and_analytics()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var api = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Read, ApiKeyScopes.Write);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata { Name = "Robin" })).Session.SessionId;
        await visitor.SendAsync(sessionId, "v1", "My parcel has not arrived.");

        var desk = await Eventually.GetAsync(() => api.GetJsonAsync<DeskSnapshot>("chats"), d => d.Sessions.Any(s => s.SessionId == sessionId), what: "the chat on the desk");
        desk.Sessions.Single(s => s.SessionId == sessionId).Status.Should().Be(ChatStatus.WaitingForAgent);

        var assigned = await api.PostJsonAsync<ChatSessionSnapshot>($"chats/{sessionId}/assign", new { agentId = "alex" });
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent);
        assigned.AssignedAgent!.AgentId.Should().Be("alex");

        var ack = await api.PostJsonAsync<MessageAck>($"chats/{sessionId}/messages", new { agentId = "alex", text = "Sorry! Let me check the tracking." });
        ack.Seq.Should().Be(2);
        await visitor.Messages.WaitForAsync(m => m.Message.Text == "Sorry! Let me check the tracking.", "the agent's REST message in the widget");
        await visitor.SendAsync(sessionId, "v2", "Thanks.");

        var after1 = await api.GetJsonAsync<MessagePage>($"chats/{sessionId}/messages?afterSeq=1");
        after1.Messages.Select(m => m.Text).Should().Equal("Sorry! Let me check the tracking.", "Thanks.");
        var all = await api.GetJsonAsync<MessagePage>($"chats/{sessionId}/messages");
        all.Messages.Select(m => m.Seq).Should().Equal(1, 2, 3);

        var note = await api.PostJsonAsync<ChatNote>($"chats/{sessionId}/notes", new { agentId = "alex", text = "Carrier says Friday." });
        note.Text.Should().Be("Carrier says Friday.");
        var resolved = await api.PostJsonAsync<ChatSessionSnapshot>($"chats/{sessionId}/resolve", null);
        resolved.Status.Should().Be(ChatStatus.Resolved);
        await visitor.Changes.WaitForAsync(c => c.Session.Status == ChatStatus.Resolved, "the widget sees the chat resolved");
        visitor.Received().Select(m => m.Text).Should().NotContain("Carrier says Friday.", "a private note never reaches the visitor");

        var archive = await Eventually.GetAsync(() => api.GetJsonAsync<ArchivePage>($"chats/resolved?from={Uri.EscapeDataString(started.ToString("O"))}&agent=alex"),
            p => p.Chats.Any(c => c.SessionId == sessionId), what: "the chat in the archive");
        archive.Chats.Single(c => c.SessionId == sessionId).Agent!.DisplayName.Should().Be("Alex");
        (await api.GetJsonAsync<List<ChatSessionSnapshot>>($"visitors/{visitor.Token!.VisitorId}/chats")).Select(c => c.SessionId).Should().Equal(sessionId);

        var report = await Eventually.GetAsync(async () => await (await api.GetAsync($"analytics/report?from={Today}&to={Today}")).Content.ReadFromJsonAsync<JsonElement>(),
            r => r.GetProperty("totals").GetProperty("resolved").GetInt64() == 1, TimeSpan.FromSeconds(30), "the chat in the analytics report");
        report.GetProperty("totals").GetProperty("started").GetInt64().Should().Be(1);
        report.GetProperty("firstResponse").GetProperty("n").GetInt64().Should().Be(1, "the REST message was the first agent reply");
    }

    [Fact]
    public async Task A_retried_write_with_the_same_idempotency_key_gets_the_same_answer_and_stores_one_message()
    {
        var tenant = await f.Host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        using var api = await RestApiClient.CreateAsync(f.Host, alex.Connection, ApiKeyScopes.Read, ApiKeyScopes.Write);
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;

        var assign = new { agentId = "alex" };
        var first = await api.PostAsync($"chats/{sessionId}/assign", assign, "assign-1");
        var again = await api.PostAsync($"chats/{sessionId}/assign", assign, "assign-1");
        again.StatusCode.Should().Be(HttpStatusCode.OK, "a retry is answered as the first request was, not already_assigned");
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());

        var message = new { agentId = "alex", text = "Hello from the CRM" };
        var sent = await api.PostJsonAsync<MessageAck>($"chats/{sessionId}/messages", message, "send-1");
        var retried = await api.PostJsonAsync<MessageAck>($"chats/{sessionId}/messages", message, "send-1");
        retried.Should().BeEquivalentTo(sent);
        var reused = await api.PostAsync($"chats/{sessionId}/messages", new { agentId = "alex", text = "Something else" }, "send-1");
        (await RestApiClient.OutcomeAsync(reused)).Should().Be("409 idempotency_key_reused");

        var page = await api.GetJsonAsync<MessagePage>($"chats/{sessionId}/messages");
        page.Messages.Select(m => m.Text).Should().Equal(["Hello from the CRM"], "the retry stored nothing and the reused key sent nothing");
    }
}
