using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.Routing.RoutingTeam;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>Re-route in a real cluster with a 10 s re-route time: an unanswered chat moves on, and its first agent is told.</summary>
[Collection(RoutingCollection.Name)]
public sealed class ReRouteTests(RoutingClusterFixture fixture)
{
    private const int ReRouteSeconds = RoutingLimits.ShortestTargetSeconds;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(ReRouteSeconds * 6);

    private IClusterClient Grains => fixture.Client;

    private Task<ChatResult<RoutingSettings>> UseReRouteAsync(string tenant) =>
        Grains.GetGrain<IRouterGrain>(tenant).SaveSettings("alex", new RoutingSettings { Mode = RoutingMode.LeastBusy, ReRouteAfterSeconds = ReRouteSeconds });

    [Fact]
    public async Task A_chat_its_agent_does_not_answer_goes_to_the_next_agent_and_the_first_one_is_told_and_lets_it_go()
    {
        var tenant = ClusterTestData.NewTenant();
        var agents = await AddAgentsAsync(Grains, tenant, 2);
        (await UseReRouteAsync(tenant)).Error.Should().BeNull();
        var (session, _, _) = await ClusterTestData.StartChatAsync(Grains, tenant);
        var checker = ChatCaller.Agent(new AgentRef("checker", "Checker"));

        var first = await Eventually.GetAsync(async () => (await session.GetSnapshot(checker)).Ok(), s => s.AssignedAgent is not null, Deadline, "auto-assigned");
        first.ReRouteDueAt.Should().Be(first.AssignedAt!.Value.AddSeconds(ReRouteSeconds), "what the mini chat counts down to");
        var slow = first.AssignedAgent!;
        var next = agents.Single(a => a.AgentId != slow.AgentId);

        var moved = await Eventually.GetAsync(async () => (await session.GetSnapshot(checker)).Ok(),
            s => s.AssignedAgent?.AgentId == next.AgentId, Deadline, "re-routed to the other agent");
        moved.ReRoutedFrom.Should().Equal([slow.AgentId]);
        moved.AssignmentReason!.Skipped.Should().Contain(new SkippedAgent(slow.AgentId, $"did not reply in {ReRouteSeconds} s"));
        moved.ReRouteDueAt.Should().Be(moved.AssignedAt!.Value.AddSeconds(ReRouteSeconds), "the next agent has the same time to answer");

        var holders = await Eventually.GetAsync(() => HoldersAsync(Grains, tenant, agents),
            h => h.GetValueOrDefault(moved.SessionId)?.SequenceEqual([next.AgentId]) == true, Deadline, "only the new agent lists the chat");
        holders.Should().ContainSingle();
        var told = await Eventually.GetAsync(() => Grains.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(tenant, slow.AgentId)).Get(),
            i => i.Notifications.Any(n => n.Kind == NotificationKind.ReRouted), Deadline, "the first agent's notification");
        told.Notifications.Single(n => n.Kind == NotificationKind.ReRouted).Text.Should().Be($"The chat with Robin went back to the queue: no reply in {ReRouteSeconds} s.");
        (await session.PostMessage(ChatCaller.Agent(slow), "late-1", "Sorry, I'm here")).Refused("not_assigned_agent");

        // The next agent answers: the chat is theirs to keep.
        (await session.PostMessage(ChatCaller.Agent(next), "a1", "Hi, I can help")).Ok();
        var answered = (await session.GetSnapshot(checker)).Ok();
        answered.Status.Should().Be(ChatStatus.ActiveChat);
        answered.ReRouteDueAt.Should().BeNull();
    }

    [Fact]
    public async Task With_nobody_else_online_a_re_routed_chat_waits_in_the_queue_and_assign_to_me_still_takes_it()
    {
        var tenant = ClusterTestData.NewTenant();
        var kim = (await AddAgentsAsync(Grains, tenant, 1, prefix: "kim")).Single();
        (await UseReRouteAsync(tenant)).Error.Should().BeNull();
        var (session, _, _) = await ClusterTestData.StartChatAsync(Grains, tenant);
        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting == 0 && d.Counts.Open == 1, Deadline, "assigned to Kim");

        var back = await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting == 1, Deadline, "back in the queue after Kim's silence");
        back.Sessions.Single().ReRoutedFrom.Should().Equal([kim.AgentId]);
        (await Grains.GetGrain<IRouterGrain>(tenant).Sweep()).Assigned.Should().BeEmpty("the router does not give it back to the agent who did not answer");
        (await Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, kim.AgentId)).GetSnapshot()).OpenSessionIds.Should().BeEmpty();

        var taken = (await session.Assign(ChatCaller.Agent(kim), kim)).Ok();
        taken.AssignmentReason!.Rule.Should().Be(AssignmentReason.ManualRule);
    }
}
