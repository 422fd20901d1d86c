using ChatSupport.Contracts;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Testing;
using static ChatSupport.Grains.Tests.Routing.RoutingTeam;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>Auto-assignment in a real cluster: chats reach online agents under capacity by the tenant's rule, and say why.</summary>
[Collection(RoutingCollection.Name)]
public sealed class AutoAssignmentTests(RoutingClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Round_robin_spreads_1000_chats_within_one_among_online_agents_and_gives_none_to_away_or_offline_ones()
    {
        var tenant = ClusterTestData.NewTenant();
        var online = await AddAgentsAsync(Grains, tenant, 20);
        var away = await AddAgentsAsync(Grains, tenant, 2, AgentStatus.Away, "away");
        var offline = await AddAgentsAsync(Grains, tenant, 2, AgentStatus.Offline, "offline");
        (await UseAsync(Grains, tenant, RoutingMode.RoundRobin, capacity: RoutingLimits.MaxCapacity)).Error.Should().BeNull();

        var chats = await StartChatsAsync(Grains, tenant, 1000);

        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting == 0, RoutingTeam.Patience, "every chat assigned");
        var holders = await HoldersAsync(Grains, tenant, [.. online, .. away, .. offline]);
        holders.Keys.Should().BeEquivalentTo(chats, "every chat has an owner");
        holders.Values.Should().OnlyContain(h => h.Count == 1, "no chat has two");
        var perAgent = holders.GroupBy(h => h.Value.Single()).ToDictionary(g => g.Key, g => g.Count());
        perAgent.Keys.Should().BeEquivalentTo(online.Select(a => a.AgentId));
        (perAgent.Values.Max() - perAgent.Values.Min()).Should().BeLessThanOrEqualTo(1);

        var one = await SessionAsync(Grains, tenant, chats[0]);
        one.AssignmentReason!.Rule.Should().Be("round_robin");
        one.AssignmentReason.Skipped.Select(s => s.AgentId).Should().Contain(["away01", "away02", "offline01", "offline02"]);
    }

    [Fact]
    public async Task Least_busy_never_fills_an_agent_past_capacity_and_the_rest_wait_in_the_queue()
    {
        var tenant = ClusterTestData.NewTenant();
        var agents = await AddAgentsAsync(Grains, tenant, 4);
        // One agent's own capacity beats the tenant's default.
        await Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agents[0].AgentId)).SetCapacity(2);
        (await UseAsync(Grains, tenant, RoutingMode.LeastBusy, capacity: 3)).Error.Should().BeNull();

        await StartChatsAsync(Grains, tenant, 20);

        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting == 20 - 11, RoutingTeam.Patience, "11 chats assigned (2 + 3 + 3 + 3)");
        (await Grains.GetGrain<IRouterGrain>(tenant).Sweep()).Assigned.Should().BeEmpty("everyone is full");
        var holders = await HoldersAsync(Grains, tenant, agents);
        holders.GroupBy(h => h.Value.Single()).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["agent01"] = 2, ["agent02"] = 3, ["agent03"] = 3, ["agent04"] = 3 });
    }

    [Fact]
    public async Task An_agent_coming_online_pulls_waiting_chats_up_to_capacity_and_going_away_takes_no_more()
    {
        var tenant = ClusterTestData.NewTenant();
        var sam = (await AddAgentsAsync(Grains, tenant, 1, AgentStatus.Offline, "sam")).Single();
        (await UseAsync(Grains, tenant, RoutingMode.LeastBusy, capacity: 3)).Error.Should().BeNull();
        var chats = await StartChatsAsync(Grains, tenant, 5);
        (await Grains.GetGrain<IRouterGrain>(tenant).Sweep()).Assigned.Should().BeEmpty("nobody is online");

        var agent = Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, sam.AgentId));
        await agent.Connected("sam-tab");
        await Eventually.GetAsync(agent.GetSnapshot, s => s.OpenSessionIds.Count == 3, RoutingTeam.Patience, "Sam's three chats");

        (await agent.SetStatus(AgentStatus.Away)).Should().Be(AgentStatus.Away);
        var firstChat = Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, (await agent.GetSnapshot()).OpenSessionIds[0]));
        (await firstChat.Resolve(ChatCaller.Agent(sam))).Error.Should().BeNull();
        (await Grains.GetGrain<IRouterGrain>(tenant).Sweep()).Assigned.Should().BeEmpty("an away agent takes no new chats, even with a free slot");
        (await agent.GetSnapshot()).OpenSessionIds.Should().HaveCount(2, "away keeps the chats one has");

        await agent.SetStatus(AgentStatus.Online);
        await Eventually.GetAsync(agent.GetSnapshot, s => s.OpenSessionIds.Count == 3, RoutingTeam.Patience, "the freed slot filled once Sam is back");
        chats.Should().Contain((await agent.GetSnapshot()).OpenSessionIds);
    }

    [Fact]
    public async Task Twenty_agents_racing_assign_to_me_against_auto_assignment_leave_exactly_one_owner_per_chat()
    {
        var tenant = ClusterTestData.NewTenant();
        var agents = await AddAgentsAsync(Grains, tenant, 20);
        var chats = await StartChatsAsync(Grains, tenant, 40);
        // Auto-assignment switches on while every agent clicks "Assign to Me" on every chat.
        var router = UseAsync(Grains, tenant, RoutingMode.RoundRobin, capacity: RoutingLimits.MaxCapacity);
        var clicks = chats.SelectMany(id => agents.Select(async agent =>
            (Chat: id, Agent: agent.AgentId, Result: await Grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(tenant, id)).Assign(ChatCaller.Agent(agent), agent)))).ToList();
        (await router).Error.Should().BeNull();
        var results = await Task.WhenAll(clicks);

        results.Where(r => r.Result.Error is { } e).Should().OnlyContain(r => r.Result.Error!.Code == "already_assigned");
        var desk = Grains.GetGrain<IDeskGrain>(tenant);
        await Eventually.GetAsync(desk.GetSnapshot, d => d.Counts.Waiting == 0, RoutingTeam.Patience, "every chat assigned");
        var holders = await HoldersAsync(Grains, tenant, agents);
        holders.Keys.Should().BeEquivalentTo(chats);
        foreach (var id in chats)
        {
            var owner = (await SessionAsync(Grains, tenant, id)).AssignedAgent!.AgentId;
            holders[id].Should().Equal([owner], "the chat's one owner is the one agent listing it");
            results.Count(r => r.Chat == id && r.Result.Error is null).Should().BeLessThanOrEqualTo(1, "at most one click won");
        }
    }

    [Fact]
    public async Task Bad_routing_settings_are_refused_with_a_sentence_and_change_nothing_while_a_good_change_is_audited()
    {
        var tenant = ClusterTestData.NewTenant();
        var router = Grains.GetGrain<IRouterGrain>(tenant);
        (await router.SaveSettings("alex", new RoutingSettings { DefaultCapacity = 51 })).Refused("invalid_input").Message.Should().Contain("1 to 50");
        (await router.SaveSettings("alex", new RoutingSettings { Mode = (RoutingMode)9 })).Refused("invalid_input");
        (await router.SaveSettings("alex", new RoutingSettings { ReRouteAfterSeconds = 1 })).Refused("invalid_input");
        (await router.GetSettings()).Should().Be(new RoutingSettings());

        var saved = (await router.SaveSettings("alex", new RoutingSettings { Mode = RoutingMode.LeastBusy, DefaultCapacity = 7 })).Ok();
        saved.Version.Should().Be(1);
        (await router.GetSettings()).Should().Be(saved);
        var entry = (await Grains.GetGrain<IAuditLogGrain>(tenant).List("routing", null)).Entries.Single();
        entry.Actor.Should().Be("alex");
        entry.After.Should().Contain("least_busy").And.Contain("7");
    }

    [Fact]
    public async Task An_agent_keeps_their_status_through_a_short_drop_and_is_offline_after_the_grace_period()
    {
        var tenant = ClusterTestData.NewTenant();
        var kim = (await AddAgentsAsync(Grains, tenant, 1, prefix: "kim")).Single();
        var agent = Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, kim.AgentId));
        await agent.Disconnected($"dashboard-{kim.AgentId}");
        (await agent.GetSnapshot()).Status.Should().Be(AgentStatus.Online, "a reload changes nothing");
        await agent.Connected("kim-reloaded");
        await agent.Disconnected("kim-reloaded");
        await Eventually.GetAsync(agent.GetSnapshot, s => s.Status == AgentStatus.Offline, RoutingClusterFixture.Grace * 10, "offline after the grace period");
        var member = (await Grains.GetGrain<ITeamGrain>(tenant).GetMembers()).Single();
        member.Status.Should().Be(AgentStatus.Offline);
    }
}
