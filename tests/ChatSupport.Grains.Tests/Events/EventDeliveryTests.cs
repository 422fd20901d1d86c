using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>The session's events reach every consumer at least once and in order, whatever one consumer does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventDeliveryTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task A_consumer_that_throws_for_its_first_deliveries_still_gets_every_event_once_in_order()
    {
        var tenant = FlakyConsumer.TenantPrefix + NewTenant();
        var alex = Agent(1);
        var sam = Agent(2);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await session.Transfer(ChatCaller.Agent(alex), sam, "over to you")).Ok();
        (await session.PostMessage(ChatCaller.Agent(sam), "a-1", "Hello, Sam here")).Ok();
        (await session.Resolve(ChatCaller.Agent(sam))).Ok();
        (await session.Rate(visitor, 5, "great", anonymous: false)).Ok();

        var expected = new[]
        {
            // The transfer's note is a private note of its own (NoteAdded), right after the transfer; the assignment and
            // the first reply each met their response-time target (TargetMet, in the same decision).
            (1L, nameof(ChatStarted)), (2L, nameof(AgentAssigned)), (3L, nameof(TargetMet)), (4L, nameof(ChatTransferred)), (5L, nameof(NoteAdded)),
            (6L, nameof(FirstAgentReply)), (7L, nameof(TargetMet)), (8L, nameof(ChatResolved)), (9L, nameof(ChatRated)),
        };
        var accepted = await Eventually.GetAsync(() => Task.FromResult(FlakyConsumer.AcceptedFor(started.SessionId)),
            a => a.Count >= expected.Length, TimeSpan.FromSeconds(60), "every event accepted by the flaky consumer");
        accepted.Should().Equal(expected, "each event is applied exactly once, in the order it happened");
        FlakyConsumer.FailuresFor(started.SessionId).Should().BeGreaterThanOrEqualTo(FlakyConsumer.FailuresPerSession + expected.Length,
            "the first deliveries were refused and retried");

        // The other consumers were never held up by the failing one.
        (await Grains.GetGrain<IDeskGrain>(tenant).GetSnapshot()).Sessions.Should().BeEmpty("the resolved chat left the desk");
        (await Grains.GetGrain<ChatSupport.Contracts.People.IAgentGrain>(ChatSupport.Contracts.GrainKeys.Compose(tenant, sam.AgentId)).GetSnapshot())
            .OpenSessionIds.Should().BeEmpty();
        var archived = await Eventually.GetAsync(() => Grains.GetGrain<IArchiveGrain>(0).Get(tenant, started.SessionId),
            c => c?.Rating is not null, what: "the rated chat in the archive");
        archived!.Agent.Should().Be(sam);
    }

    [Fact]
    public async Task A_consumer_the_answer_does_not_wait_for_holds_up_no_send_while_it_hangs()
    {
        var tenant = StalledConsumer.TenantPrefix + NewTenant();
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        // A deadline, not a measure: before, the session's delivery round held the grain until the consumer answered.
        var deadline = TimeSpan.FromSeconds(30);
        (await session.Assign(ChatCaller.Agent(alex), alex).WaitAsync(deadline)).Ok();
        for (var i = 1; i <= 3; i++)
        {
            (await session.PostMessage(visitor, $"v-{i}", $"Question {i}").WaitAsync(deadline)).Ok();
            (await session.PostMessage(ChatCaller.Agent(alex), $"a-{i}", $"Answer {i}").WaitAsync(deadline)).Ok();
        }
        StalledConsumer.AcceptedFor(started.SessionId).Should().BeEmpty("the consumer is still hanging");

        StalledConsumer.Release(tenant);
        (await session.Resolve(ChatCaller.Agent(alex))).Ok();
        var accepted = await Eventually.GetAsync(() => Task.FromResult(StalledConsumer.AcceptedFor(started.SessionId)),
            a => a.Any(e => e.Event == nameof(ChatResolved)), TimeSpan.FromSeconds(60), "every event reaching the released consumer");
        accepted.Select(e => e.Seq).Should().Equal(Enumerable.Range(1, accepted.Count).Select(i => (long)i), "each event once, in order, once it answers");
        accepted[^1].Event.Should().Be(nameof(ChatResolved));
    }

    [Fact]
    public async Task Events_stored_while_a_consumer_is_down_reach_it_after_the_session_was_deactivated()
    {
        var tenant = FlakyConsumer.TenantPrefix + NewTenant();
        FlakyConsumer.DownFor[tenant] = true;
        var alex = Agent(1);
        var (session, started, visitor) = await StartChatAsync(Grains, tenant);
        (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await session.CloseByVisitor(visitor)).Ok();
        await Eventually.GetAsync(() => Task.FromResult(FlakyConsumer.FailuresFor(started.SessionId)), n => n >= 2, what: "deliveries refused");

        // The session goes away with its events undelivered to the consumer (as when its silo stops).
        await session.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        FlakyConsumer.DownFor.TryRemove(tenant, out _);
        var accepted = await Eventually.GetAsync(async () =>
        {
            await session.GetSnapshot(visitor); // any later call activates the session again
            return FlakyConsumer.AcceptedFor(started.SessionId);
        }, a => a.Count >= 4, TimeSpan.FromSeconds(60), "the stored events delivered after reactivation");
        accepted.Select(a => a.Event).Should().Equal(nameof(ChatStarted), nameof(AgentAssigned), nameof(TargetMet), nameof(ChatClosedByVisitor));
    }

    [Fact]
    public async Task The_agents_lists_follow_assignment_transfer_and_resolve()
    {
        var tenant = NewTenant();
        var alex = Agent(1);
        var sam = Agent(2);
        var (session, started, _) = await StartChatAsync(Grains, tenant);
        var alexGrain = Grains.GetGrain<ChatSupport.Contracts.People.IAgentGrain>(ChatSupport.Contracts.GrainKeys.Compose(tenant, alex.AgentId));
        var samGrain = Grains.GetGrain<ChatSupport.Contracts.People.IAgentGrain>(ChatSupport.Contracts.GrainKeys.Compose(tenant, sam.AgentId));

        (await session.Assign(ChatCaller.Agent(alex), alex)).Ok();
        (await alexGrain.GetSnapshot()).OpenSessionIds.Should().Equal(started.SessionId);
        (await session.Transfer(ChatCaller.Agent(alex), sam, null)).Ok();
        (await alexGrain.GetSnapshot()).OpenSessionIds.Should().BeEmpty();
        (await samGrain.GetSnapshot()).OpenSessionIds.Should().Equal(started.SessionId);

        // A late copy of the first assignment (events are delivered at least once) does not give the chat back.
        await alexGrain.Hold(started.SessionId, 2);
        (await alexGrain.GetSnapshot()).OpenSessionIds.Should().BeEmpty();

        (await session.Resolve(ChatCaller.Agent(sam))).Ok();
        (await samGrain.GetSnapshot()).OpenSessionIds.Should().BeEmpty();
    }
}
