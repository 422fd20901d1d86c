using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Grains.Routing;
using ChatSupport.Grains.Tests.Events;
using ChatSupport.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using static ChatSupport.Grains.Tests.Routing.RoutingTeam;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>The silo holding the router dies while it hands out chats: no chat is lost, none has two owners.</summary>
[Collection("cluster-restarts")]
public sealed class RoutingFailoverTests : RoutingFailoverCluster
{
    [Fact]
    public async Task A_silo_killed_mid_way_through_auto_assignment_loses_no_assignment_and_doubles_none()
    {
        var grains = Cluster.Client;
        var tenant = ClusterTestData.NewTenant();
        var agents = await AddAgentsAsync(grains, tenant, 10);
        var chats = await StartChatsAsync(grains, tenant, 150);
        (await UseAsync(grains, tenant, RoutingMode.RoundRobin, capacity: RoutingLimits.MaxCapacity)).Error.Should().BeNull();

        var desk = grains.GetGrain<IDeskGrain>(tenant);
        await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting < 120, Patience, "the router under way");
        await Cluster.KillSiloAsync(await SiloOfRouterAsync(tenant));
        // Presence lives in memory: agents whose grains were on the dead silo reappear as their dashboards reconnect.
        foreach (var agent in agents)
            await Retrying(async () =>
            {
                await grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent.AgentId)).Connected($"dashboard-{agent.AgentId}");
                return true;
            });

        await Eventually.GetAsync(() => Retrying(desk.GetSnapshot), d => d.Counts.Waiting == 0, Patience, "every chat assigned after the failover");
        var holders = await Eventually.GetAsync(() => Retrying(() => HoldersAsync(grains, tenant, agents)), h => h.Count == chats.Count, Patience, "every chat in one agent's list");
        holders.Values.Should().OnlyContain(h => h.Count == 1, "no chat has two owners");
        foreach (var id in chats)
            holders[id].Should().Equal([(await SessionAsync(grains, tenant, id)).AssignedAgent!.AgentId]);
    }

    private Task<SiloHandle> SiloOfRouterAsync(string tenant) => SiloOfAsync(nameof(RouterGrain), tenant);
}
