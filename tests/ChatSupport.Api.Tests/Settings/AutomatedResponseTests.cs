using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;

namespace ChatSupport.Api.Tests.Settings;

/// <summary>
/// Automated responses as the two sides see them: system messages in the message log with their own sequence numbers,
/// stored once whatever is retried or reactivated, and never an agent's reply. Outside working hours a chat is an
/// offline message in the queue, with the visitor's text and the away message.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AutomatedResponseTests(ApiHostFixture f)
{
    private static AutomatedMessage On(string text) => new() { Enabled = true, Text = text };

    private async Task<string> TenantWithAsync(AutomatedResponses responses, WorkingHoursSettings? hours = null)
    {
        var tenant = await f.Host.NewTenantAsync();
        var settings = f.Host.Grains.GetGrain<ISettingsGrain>(tenant);
        var saved = await settings.Save(new WorkspaceSettings { AutomatedResponses = responses, WorkingHours = hours ?? new() }, 0, "alex");
        saved.Error.Should().BeNull();
        return tenant;
    }

    [Fact]
    public async Task The_greeting_and_closing_are_system_messages_stored_once_and_the_agents_reply_is_the_first_reply()
    {
        var tenant = await TenantWithAsync(new AutomatedResponses { Greeting = On("Welcome to Acme!"), Closing = On("Thanks for chatting with Acme.") });
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        var sessionId = started.Session.SessionId;
        var session = f.Host.Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, sessionId));

        // A retried start (the visitor grain's, after a timeout) and a new activation (as after a failover) store nothing again.
        (await session.Start(visitor.Token!.VisitorId, new VisitorMetadata())).Error.Should().BeNull();
        await f.Host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        (await session.Start(visitor.Token!.VisitorId, new VisitorMetadata())).Error.Should().BeNull();

        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await visitor.SendAsync(sessionId, "v1", "My order is late");
        var reply = await alex.SendAsync(sessionId, "a1", "Let me check that for you.");
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

        var history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal(
            (1, ChatParty.System, "Welcome to Acme!"),
            (2, ChatParty.Visitor, "My order is late"),
            (3, ChatParty.Agent, "Let me check that for you."),
            (4, ChatParty.System, "Thanks for chatting with Acme."));
        history.Messages[0].SenderName.Should().Be("Automated");

        // The visitor's history is the same log: resume after any number treats them like any other message.
        var seen = await visitor.Connection.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 100);
        seen.Messages.Select(m => (m.Seq, m.Sender)).Should().Equal((1, ChatParty.System), (2, ChatParty.Visitor), (3, ChatParty.Agent), (4, ChatParty.System));
        seen.Messages[^1].Seq.Should().BeLessThanOrEqualTo(seen.LastSeq);

        var snapshot = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId);
        snapshot.Status.Should().Be(ChatStatus.Resolved);
        snapshot.FirstAgentReplyAt.Should().Be(reply.SentAt, "the greeting came first, but only the agent's message is a reply");
    }

    [Fact]
    public async Task A_chat_resolved_with_only_automated_messages_has_no_first_reply()
    {
        var tenant = await TenantWithAsync(new AutomatedResponses { Greeting = On("Hello!"), Closing = On("Bye!") });
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        var assigned = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent, "the greeting did not make the chat active");
        var resolved = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);

        resolved.FirstAgentReplyAt.Should().BeNull();
        var history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Select(m => (m.Sender, m.Text)).Should().Equal((ChatParty.System, "Hello!"), (ChatParty.System, "Bye!"));
    }

    [Fact]
    public async Task Outside_working_hours_the_chat_is_an_offline_message_in_the_queue_with_its_text_and_the_away_message()
    {
        // Working hours on, with no interval: closed now, whatever the time.
        var tenant = await TenantWithAsync(
            new AutomatedResponses { Greeting = On("Hello!"), Away = On("We're away: we'll answer by email.") },
            new WorkingHoursSettings { Enabled = true });
        await using var alex = await ChatParticipant.AgentAsync(f.Host, tenant, "alex", "Alex");
        await using var visitor = await ChatParticipant.VisitorAsync(f.Host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat",
            new VisitorMetadata { Name = "Dana", Email = "dana@example.com" })).Session.SessionId;
        await visitor.SendAsync(sessionId, "offline-1", "Please call me back about invoice 42.");

        var desk = await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        var row = desk.Sessions.Single(s => s.SessionId == sessionId);
        row.Status.Should().Be(ChatStatus.WaitingForAgent);
        row.OfflineMessage.Should().BeTrue();
        row.Visitor.Email.Should().Be("dana@example.com");

        var history = await alex.Connection.InvokeAsync<MessagePage>("GetHistory", sessionId, 0L, 100);
        history.Messages.Select(m => (m.Sender, m.Text)).Should().Equal(
            (ChatParty.System, "We're away: we'll answer by email."),
            (ChatParty.Visitor, "Please call me back about invoice 42."));
    }
}
