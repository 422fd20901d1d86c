using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;
using ChatSupport.Grains.Tests.Events;
using ChatSupport.Grains.Tests.Routing;
using ChatSupport.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using static ChatSupport.Grains.Tests.Routing.RoutingTeam;

namespace ChatSupport.Grains.Tests.Targets;

/// <summary>The silo holding a chat dies before its target falls due: the miss is still recorded, exactly once.</summary>
[Collection("cluster-restarts")]
public sealed class TargetFailoverTests : RoutingFailoverCluster
{
    /// <summary>One target: a failover takes longer than the others would give, and they are not what is tested here.</summary>
    private static readonly ResponseTargets AssignmentOnly = new() { AssignmentSeconds = 10, FirstReplySeconds = null, NextReplySeconds = null };

    [Fact]
    public async Task A_target_due_after_its_chats_silo_died_is_missed_once_on_another_silo()
    {
        var grains = Cluster.Client;
        var tenant = ClusterTestData.NewTenant();
        (await grains.GetGrain<IRouterGrain>(tenant).SaveSettings("alex", new RoutingSettings { Targets = AssignmentOnly })).Error.Should().BeNull();
        var (session, started, _) = await ClusterTestData.StartChatAsync(grains, tenant);
        var assignmentDue = started.Targets.Single(t => t.Target == TargetNames.Assignment).DueAt;

        await Cluster.KillSiloAsync(await SiloOfSessionAsync(tenant, started.SessionId));

        var sam = new AgentRef("sam", "Sam");
        var missed = await Eventually.GetAsync(() => Retrying(async () => (await session.GetSnapshot(ChatCaller.Agent(sam))).Ok()),
            s => s.Targets.Any(t => t.Missed), Patience, "the assignment target missed after the failover");
        missed.Targets.Single(t => t.Missed).DueAt.Should().Be(assignmentDue, "the deadline is the stored one, not restarted");

        // Everything after the miss, then the end: analytics applies a chat's events in order, so once the resolve is
        // counted every miss raised before it is too, and the chat runs no target any more that could be missed later.
        (await Retrying(() => session.Assign(ChatCaller.Agent(sam), sam))).Ok();
        (await Retrying(() => session.Resolve(ChatCaller.Agent(sam)))).Ok();
        var report = await Eventually.GetAsync(() => Retrying(async () => (await grains.GetGrain<IAnalyticsGrain>(tenant).Report(ResponseTargetTests.Today())).Ok()),
            r => r.Totals.Resolved == 1, Patience, "the resolved chat in analytics");
        report.Totals.TargetsMissed.Should().Be(1, "the assignment target was missed once, whichever silo checked it");
        report.Totals.TargetsMet.Should().Be(0);
    }

    private Task<SiloHandle> SiloOfSessionAsync(string tenant, string sessionId) =>
        SiloOfAsync(nameof(ChatSessionGrain), ChatSupport.Contracts.GrainKeys.Compose(tenant, sessionId));
}
