using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Storage;
using ChatSupport.Testing;
using Orleans.Core.Internal;
using Microsoft.Extensions.Options;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests;

/// <summary>
/// A message is one row (no index by client message id): retries are recognized by the session's window of
/// newest client ids, which must survive the session deactivating and must take in rows another activation wrote.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MessageIdempotencyTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    // Writes to the same table the silos use, as a twin activation on another silo would.
    private MessageLog Log => new(new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = fixture.Azurite.ConnectionString })));

    [Fact]
    public async Task A_retry_after_the_session_reactivates_gets_the_first_seq_and_is_stored_once()
    {
        var tenant = NewTenant();
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        var key = GrainKeys.Compose(tenant, started.SessionId);
        for (var i = 1; i <= 3; i++) (await session.PostMessage(visitor, $"m{i}", $"message {i}")).Ok();
        var first = (await session.PostMessage(visitor, "retry-me", "Where is my order?")).Ok();
        for (var i = 5; i <= 6; i++) (await session.PostMessage(visitor, $"m{i}", $"message {i}")).Ok();
        // An activation that stored a message and died before acknowledging it: the client still waits for that ack.
        (await Log.TryAppendAsync(key, VisitorMessage(visitor, 7, "lost-ack"))).Should().BeTrue();

        await DeactivateAsync(session);

        var retry = (await session.PostMessage(visitor, "retry-me", "Where is my order?")).Ok();
        retry.Duplicate.Should().BeTrue();
        retry.Seq.Should().Be(first.Seq).And.Be(4);
        var lost = (await session.PostMessage(visitor, "lost-ack", "stored, never acknowledged")).Ok();
        lost.Duplicate.Should().BeTrue();
        lost.Seq.Should().Be(7);
        var next = (await session.PostMessage(visitor, "m8", "message 8")).Ok();
        next.Duplicate.Should().BeFalse();
        next.Seq.Should().Be(8);

        var stored = (await session.GetMessages(visitor, 0, 50)).Ok().Messages;
        stored.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i));
        stored.Select(m => m.ClientMessageId).Should().OnlyHaveUniqueItems();
        stored.Should().ContainSingle(m => m.ClientMessageId == "retry-me").Which.Text.Should().Be("Where is my order?");
    }

    [Fact]
    public async Task Numbers_taken_by_a_stale_twin_are_skipped_and_a_send_the_twin_stored_is_answered_as_a_duplicate()
    {
        var tenant = NewTenant();
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        var key = GrainKeys.Compose(tenant, started.SessionId);
        (await session.PostMessage(visitor, "v1", "one")).Ok().Seq.Should().Be(1);
        // A twin activation (the old silo, not yet known dead) stores two messages this activation has not seen;
        // the second is one whose ack the client never got, so the client retries it here.
        (await Log.TryAppendAsync(key, VisitorMessage(visitor, 2, "twin-other"))).Should().BeTrue();
        (await Log.TryAppendAsync(key, VisitorMessage(visitor, 3, "twin-mine"))).Should().BeTrue();

        var retried = (await session.PostMessage(visitor, "twin-mine", "stored by the twin")).Ok();
        retried.Duplicate.Should().BeTrue();
        retried.Seq.Should().Be(3);
        (await session.PostMessage(visitor, "v4", "four")).Ok().Seq.Should().Be(4);

        (await Log.TryAppendAsync(key, VisitorMessage(visitor, 5, "twin-later"))).Should().BeTrue();
        var afterTwin = (await session.PostMessage(visitor, "v6", "six")).Ok();
        afterTwin.Duplicate.Should().BeFalse();
        afterTwin.Seq.Should().Be(6, "number 5 was taken, so the message takes the next one");
        (await session.PostMessage(visitor, "twin-later", "stored by the twin")).Ok().Seq.Should().Be(5);

        var stored = (await session.GetMessages(visitor, 0, 50)).Ok().Messages;
        stored.Select(m => m.ClientMessageId).Should().Equal("v1", "twin-other", "twin-mine", "v4", "twin-later", "v6");
        stored.Select(m => m.Seq).Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public async Task After_reactivation_a_retry_is_recognized_up_to_the_oldest_message_of_the_window()
    {
        var tenant = NewTenant();
        var (session, _, visitor) = await StartChatAsync(Grains, tenant);
        var count = ChatSessionGrain.IdempotencyWindow + 44;
        for (var i = 1; i <= count; i++) (await session.PostMessage(visitor, $"m{i}", $"message {i}")).Ok();
        // Receipts move the state's sequence checkpoint to the last message (written when the session deactivates),
        // so the activation reads the window before the checkpoint, not just the rows after it.
        (await session.Acknowledge(visitor, count, count)).Ok();

        await DeactivateAsync(session);

        var oldestInWindow = count - ChatSessionGrain.IdempotencyWindow + 1;
        var retry = (await session.PostMessage(visitor, $"m{oldestInWindow}", $"message {oldestInWindow}")).Ok();
        retry.Duplicate.Should().BeTrue();
        retry.Seq.Should().Be(oldestInWindow);
        var newest = (await session.PostMessage(visitor, $"m{count}", $"message {count}")).Ok();
        newest.Duplicate.Should().BeTrue();
        newest.Seq.Should().Be(count);
        (await session.PostMessage(visitor, "next", "next")).Ok().Seq.Should().Be(count + 1);
        var page = (await session.GetMessages(visitor, count - 5, 50)).Ok();
        page.Messages.Should().HaveCount(6);
        page.LastSeq.Should().Be(count + 1);
    }

    [Fact]
    public async Task The_same_client_message_id_from_the_visitor_and_the_agent_is_two_messages_and_each_retry_is_one()
    {
        var tenant = NewTenant();
        var (session, _, visitor) = await StartChatAsync(Grains, tenant);
        var agent = ChatCaller.Agent(Agent(1));
        (await session.Assign(agent, Agent(1))).Ok();

        var fromVisitor = (await session.PostMessage(visitor, "same-id", "from the visitor")).Ok();
        // The agent's client happens to (or is made to) use the visitor's client id: it is the agent's own message.
        var fromAgent = (await session.PostMessage(agent, "same-id", "from the agent")).Ok();
        fromAgent.Duplicate.Should().BeFalse("a client id is the sender's: the visitor's acknowledgement is not the agent's");
        fromAgent.Seq.Should().Be(2);

        // Retries from the same side are still recognized, before and after the session reactivates.
        (await session.PostMessage(agent, "same-id", "from the agent")).Ok().Should().Match<MessageAck>(a => a.Duplicate && a.Seq == 2);
        (await session.PostMessage(visitor, "same-id", "from the visitor")).Ok().Should().Match<MessageAck>(a => a.Duplicate && a.Seq == fromVisitor.Seq);
        await DeactivateAsync(session);
        (await session.PostMessage(agent, "same-id", "from the agent")).Ok().Should().Match<MessageAck>(a => a.Duplicate && a.Seq == 2);
        (await session.PostMessage(visitor, "same-id", "from the visitor")).Ok().Should().Match<MessageAck>(a => a.Duplicate && a.Seq == 1);

        var stored = (await session.GetMessages(visitor, 0, 50)).Ok().Messages;
        stored.Select(m => (m.Seq, m.Sender, m.Text)).Should().Equal((1L, ChatParty.Visitor, "from the visitor"), (2L, ChatParty.Agent, "from the agent"));
    }

    private static ChatMessage VisitorMessage(ChatCaller visitor, long seq, string clientMessageId) => new()
    {
        Seq = seq,
        ClientMessageId = clientMessageId,
        Sender = ChatParty.Visitor,
        SenderId = visitor.Id,
        SenderName = "Robin",
        Text = "stored by another activation",
        SentAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Deactivates the session (the next call makes a new activation) and waits until no silo holds it any more.</summary>
    private async Task DeactivateAsync(IChatSessionGrain session)
    {
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var management = Grains.GetGrain<IManagementGrain>(0);
        await Eventually.GetAsync(
            async () => (await management.GetDetailedGrainStatistics()).Count(s => s.GrainId == session.GetGrainId()),
            activations => activations == 0, what: "the session's activation to be gone");
    }
}
