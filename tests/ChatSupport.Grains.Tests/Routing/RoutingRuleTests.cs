using ChatSupport.Contracts.Routing;
using ChatSupport.Grains.Routing;

namespace ChatSupport.Grains.Tests.Routing;

/// <summary>The router's choice as a pure rule, over 1,000 chats: who gets each, and who never does.</summary>
public sealed class RoutingRuleTests
{
    private static List<RoutingCandidate> Team(int online, int capacity) =>
    [
        .. Enumerable.Range(1, online).Select(i => new RoutingCandidate($"agent{i:D2}", $"Agent {i}", AgentStatus.Online, 0, capacity, null)),
        new("away1", "Away", AgentStatus.Away, 0, capacity, null),
        new("offline1", "Offline", AgentStatus.Offline, 0, capacity, null),
    ];

    [Fact]
    public void Round_robin_spreads_1000_chats_within_one_of_each_other_and_never_to_away_or_offline_agents()
    {
        var agents = Team(online: 7, capacity: 200);
        string? last = null;
        var counts = new Dictionary<string, int>();
        for (var chat = 0; chat < 1000; chat++)
        {
            var (chosen, reason) = RoutingRule.Choose(RoutingMode.RoundRobin, agents, last);
            chosen.Should().NotBeNull();
            reason!.Rule.Should().Be("round_robin");
            reason.Skipped.Select(s => s.AgentId).Should().Contain(["away1", "offline1"]);
            last = chosen!.AgentId;
            counts[last] = counts.GetValueOrDefault(last) + 1;
            agents[agents.IndexOf(chosen)] = chosen with { OpenChats = chosen.OpenChats + 1 };
        }
        counts.Keys.Should().BeEquivalentTo(agents.Where(a => a.Status == AgentStatus.Online).Select(a => a.AgentId));
        (counts.Values.Max() - counts.Values.Min()).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Least_busy_never_fills_an_agent_past_capacity_over_1000_chats_with_resolves_in_between()
    {
        var agents = Team(online: 6, capacity: 5);
        var random = new Random(15);
        var assigned = 0;
        for (var chat = 0; chat < 1000; chat++)
        {
            // Agents resolve chats as they go: a random one frees a slot now and then.
            if (random.Next(3) == 0)
            {
                var busy = agents.Where(a => a.OpenChats > 0).ToList();
                if (busy.Count > 0) { var a = busy[random.Next(busy.Count)]; agents[agents.IndexOf(a)] = a with { OpenChats = a.OpenChats - 1 }; }
            }
            var (chosen, reason) = RoutingRule.Choose(RoutingMode.LeastBusy, agents, null);
            if (chosen is null)
            {
                agents.Where(a => a.Status == AgentStatus.Online).Should().OnlyContain(a => a.OpenChats == a.Capacity, "a chat waits only when everyone online is full");
                continue;
            }
            chosen.Status.Should().Be(AgentStatus.Online);
            chosen.OpenChats.Should().Be(agents.Where(a => a.Status == AgentStatus.Online && a.OpenChats < a.Capacity).Min(a => a.OpenChats), "the least busy is chosen");
            reason!.Considered.Should().NotContain(["away1", "offline1"]);
            agents[agents.IndexOf(chosen)] = chosen with { OpenChats = chosen.OpenChats + 1, LastChatAt = DateTimeOffset.UnixEpoch.AddSeconds(chat) };
            assigned++;
            agents.Should().OnlyContain(a => a.OpenChats <= a.Capacity);
        }
        assigned.Should().BeGreaterThan(300);
    }

    [Fact]
    public void Least_busy_breaks_a_tie_by_who_waited_longest_for_a_chat()
    {
        var now = DateTimeOffset.UtcNow;
        var agents = new List<RoutingCandidate>
        {
            new("a", "A", AgentStatus.Online, 1, 5, now),
            new("b", "B", AgentStatus.Online, 1, 5, now.AddMinutes(-10)),
            new("c", "C", AgentStatus.Online, 2, 5, now.AddHours(-1)),
        };
        RoutingRule.Choose(RoutingMode.LeastBusy, agents, null).Chosen!.AgentId.Should().Be("b");
    }

    [Fact]
    public void Nobody_is_chosen_in_manual_mode_or_when_everyone_is_away_offline_or_full_and_each_skip_says_why()
    {
        RoutingRule.Choose(RoutingMode.Manual, Team(3, 5), null).Chosen.Should().BeNull();
        var agents = new List<RoutingCandidate>
        {
            new("full", "Full", AgentStatus.Online, 5, 5, null),
            new("away", "Away", AgentStatus.Away, 0, 5, null),
            new("gone", "Gone", AgentStatus.Offline, 0, 5, null),
        };
        RoutingRule.Choose(RoutingMode.LeastBusy, agents, null).Chosen.Should().BeNull();
        agents.Add(new("free", "Free", AgentStatus.Online, 0, 5, null));
        var (_, reason) = RoutingRule.Choose(RoutingMode.LeastBusy, agents, null);
        reason!.Skipped.Should().BeEquivalentTo([new SkippedAgent("away", "away"), new SkippedAgent("full", "at capacity (5 of 5)"), new SkippedAgent("gone", "offline")]);
        reason.Considered.Should().Equal("free");
    }
}
