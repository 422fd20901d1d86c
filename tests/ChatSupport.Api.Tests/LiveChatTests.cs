using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Api.Tests;

/// <summary>The live chat end to end: real host on loopback, real SignalR clients for a visitor and two agents.</summary>
[Collection(ApiCollection.Name)]
public sealed class LiveChatTests(ApiHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task Visitor_and_agent_exchange_messages_in_order_with_typing_and_receipts()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var sam = await ChatParticipant.AgentAsync(host, tenant, "sam", "Sam");
        (await alex.Connection.InvokeAsync<DeskSnapshot>("GetDesk")).Sessions.Should().BeEmpty();
        await sam.Connection.InvokeAsync<DeskSnapshot>("GetDesk");

        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var started = await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat",
            new VisitorMetadata { Name = "Robin", Browser = "Firefox", PageUrl = "https://shop.example/cart" });
        started.Session.Status.Should().Be(ChatStatus.WaitingForAgent);
        started.QueuePosition.Should().Be(1);
        var sessionId = started.Session.SessionId;

        // The new chat appears on every dashboard.
        foreach (var agent in new[] { alex, sam })
            await agent.Desk.WaitForAsync(d => d.Kind == DeskDeltaKind.Added && d.Session.SessionId == sessionId && d.Session.Status == ChatStatus.WaitingForAgent, "the new chat on the desk");

        var assigned = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        assigned.Status.Should().Be(ChatStatus.AssignedToAgent);
        await sam.Desk.WaitForAsync(d => d.Session.SessionId == sessionId && d.Session.Status == ChatStatus.AssignedToAgent, "the assignment on the other dashboard");
        await visitor.Changes.WaitForAsync(c => c.Session.AssignedAgent?.DisplayName == "Alex", "the visitor told that Alex joined");
        await visitor.Queue.WaitForAsync(q => q.Position is null, "the visitor leaving the queue");

        // The second agent's "Assign to Me" gets a clear message.
        var conflict = await sam.Connection.Invoking(c => c.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId)).Should().ThrowAsync<HubException>();
        conflict.Which.Message.Should().Contain("already_assigned").And.Contain("Alex");

        var opened = await alex.Connection.InvokeAsync<ResumeResult>("OpenChat", sessionId, 0L);
        opened.Messages.Messages.Should().BeEmpty();

        // Typing, both ways, reaches only the other side.
        await alex.Connection.InvokeAsync("SetTyping", sessionId, true);
        await visitor.Typing.WaitForAsync(t => t.Party == ChatParty.Agent && t.IsTyping, "the agent's typing indicator");
        await visitor.Connection.InvokeAsync("SetTyping", sessionId, true);
        await alex.Typing.WaitForAsync(t => t.Party == ChatParty.Visitor && t.IsTyping, "the visitor's typing indicator");
        alex.Typing.Snapshot().Should().NotContain(t => t.Party == ChatParty.Agent, "nobody gets their own typing echoed");

        // Messages both ways, each side sees all of them in order.
        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var fromAgent = i % 2 == 1;
            var text = fromAgent ? $"agent says {i}" : $"visitor says {i}";
            var ack = fromAgent ? await alex.SendAsync(sessionId, $"m{i}", text) : await visitor.SendAsync(sessionId, $"m{i}", text);
            ack.Seq.Should().Be(i + 1);
            sent.Add(text);
        }
        var expected = sent.Select((t, i) => ((long)i + 1, t)).ToList();
        await visitor.Messages.WaitUntilAsync(m => m.Count >= 5, "five messages at the visitor");
        await alex.Messages.WaitUntilAsync(m => m.Count >= 5, "five messages at the agent");
        visitor.Received().Should().Equal(expected);
        alex.Received().Should().Equal(expected);

        // The first agent message made the chat active, on every dashboard.
        await sam.Desk.WaitForAsync(d => d.Session.SessionId == sessionId && d.Session.Status == ChatStatus.ActiveChat, "the chat turning active");

        // Receipts: the agent's client received, then displayed, the visitor's messages.
        await alex.Connection.InvokeAsync<DeliveryReceipts>("Acknowledge", sessionId, 5L, 0L);
        await visitor.Receipts.WaitForAsync(r => r.Receipts.AgentDeliveredSeq == 5 && r.Receipts.AgentReadSeq == 0, "delivered receipt");
        await alex.Connection.InvokeAsync<DeliveryReceipts>("Acknowledge", sessionId, 5L, 5L);
        await visitor.Receipts.WaitForAsync(r => r.Receipts.AgentReadSeq == 5, "read receipt");
        await visitor.Connection.InvokeAsync<DeliveryReceipts>("Acknowledge", sessionId, 5L, 5L);
        await alex.Receipts.WaitForAsync(r => r.Receipts.VisitorReadSeq == 5, "the visitor's read receipt");

        // Resolve shows everywhere; the visitor rates.
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Resolve", sessionId);
        await visitor.Changes.WaitForAsync(c => c.Session.Status == ChatStatus.Resolved, "the visitor seeing the chat resolved");
        await sam.Desk.WaitForAsync(d => d.Kind == DeskDeltaKind.Removed && d.Session.SessionId == sessionId && d.Session.Status == ChatStatus.Resolved, "the resolved chat leaving the live desk");
        var rated = await visitor.Connection.InvokeAsync<VisitorSessionView>("RateChat", sessionId, 4, "Quick and kind", false);
        rated.Rating!.Stars.Should().Be(4);
        (await alex.Connection.InvokeAsync<ChatSessionSnapshot>("GetSession", sessionId)).Rating!.Feedback.Should().Be("Quick and kind");
    }

    [Fact]
    public async Task A_client_that_disconnects_and_reconnects_gets_exactly_the_messages_it_missed()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);
        await alex.Connection.InvokeAsync<ResumeResult>("OpenChat", sessionId, 0L);

        await alex.SendAsync(sessionId, "a1", "first");
        await alex.SendAsync(sessionId, "a2", "second");
        await visitor.Messages.WaitUntilAsync(m => m.Count == 2, "the first two messages");
        var lastSeen = visitor.Messages.Snapshot().Max(m => m.Message.Seq);
        await visitor.DisposeAsync();

        await alex.SendAsync(sessionId, "a3", "third");
        await alex.SendAsync(sessionId, "a4", "fourth");
        await alex.SendAsync(sessionId, "a5", "fifth");

        await using var back = await ChatParticipant.VisitorAsync(host, tenant, visitor.Token);
        var resumed = await back.Connection.InvokeAsync<VisitorResumeResult>("Resume", sessionId, lastSeen);
        resumed.Messages.Messages.Select(m => (m.Seq, m.Text)).Should().Equal((3L, "third"), (4L, "fourth"), (5L, "fifth"));
        resumed.Messages.HasMore.Should().BeFalse();
        resumed.Session.LastSeq.Should().Be(5);

        // And it is live again. Events already in flight for 3..5 may still arrive; a client keeps one copy per
        // sequence number, so its view is every message exactly once, in order, with no gap.
        await alex.SendAsync(sessionId, "a6", "sixth");
        (await back.Messages.WaitForAsync(m => m.Message.Seq == 6, "the next live message")).Message.Text.Should().Be("sixth");
        var clientView = resumed.Messages.Messages.Select(m => (m.Seq, m.Text)).Concat(back.Received())
            .DistinctBy(m => m.Seq).OrderBy(m => m.Seq).ToList();
        clientView.Should().Equal((3L, "third"), (4L, "fourth"), (5L, "fifth"), (6L, "sixth"));
        back.Received().Where(m => m.Seq > lastSeen).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_returning_visitor_gets_the_same_open_chat()
    {
        var tenant = await host.NewTenantAsync();
        await using var first = await ChatParticipant.VisitorAsync(host, tenant);
        var firstStart = await first.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        await first.SendAsync(firstStart.Session.SessionId, "v1", "hello?");

        await using var secondTab = await ChatParticipant.VisitorAsync(host, tenant, first.Token);
        var again = await secondTab.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        again.Session.SessionId.Should().Be(firstStart.Session.SessionId);
        again.Session.LastSeq.Should().Be(1);
    }

    [Fact]
    public async Task Transfer_moves_the_chat_to_another_agent_and_every_dashboard_sees_it()
    {
        var tenant = await host.NewTenantAsync();
        await using var alex = await ChatParticipant.AgentAsync(host, tenant, "alex", "Alex");
        await using var sam = await ChatParticipant.AgentAsync(host, tenant, "sam", "Sam");
        await sam.Connection.InvokeAsync<DeskSnapshot>("GetDesk");
        await using var visitor = await ChatParticipant.VisitorAsync(host, tenant);
        var sessionId = (await visitor.Connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        await alex.Connection.InvokeAsync<ChatSessionSnapshot>("AssignToMe", sessionId);

        var moved = await alex.Connection.InvokeAsync<ChatSessionSnapshot>("Transfer", sessionId, "sam", "Billing question");
        moved.AssignedAgent.Should().Be(new AgentRef("sam", "Sam"));
        moved.TransferNote.Should().Be("Billing question");
        await sam.Desk.WaitForAsync(d => d.Session.SessionId == sessionId && d.Session.AssignedAgent?.AgentId == "sam", "the transfer on the desk");

        var refused = await alex.Connection.Invoking(c => c.InvokeAsync<MessageAck>("SendMessage", sessionId, "a1", "still me?")).Should().ThrowAsync<HubException>();
        refused.Which.Message.Should().Contain("not_assigned_agent");
        (await sam.SendAsync(sessionId, "s1", "Hi, Sam here")).Seq.Should().Be(1);
    }
}
