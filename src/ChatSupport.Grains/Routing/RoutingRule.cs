using ChatSupport.Contracts.Routing;

namespace ChatSupport.Grains.Routing;

/// <summary>An agent as the router weighs them for one chat.</summary>
public sealed record RoutingCandidate(string AgentId, string DisplayName, AgentStatus Status, int OpenChats, int Capacity, DateTimeOffset? LastChatAt);

/// <summary>
/// Who gets the next chat, as a pure function of the mode and the agents (tested with thousands of chats without a
/// cluster). Only online agents under capacity are candidates; everyone else is skipped with the reason. Round robin
/// takes the next candidate after the last one chosen (by agent id, wrapping round); least busy the one with the
/// fewest open chats, ties to whoever has gone longest without a new chat.
/// </summary>
public static class RoutingRule
{
    public static (RoutingCandidate? Chosen, AssignmentReason? Reason) Choose(RoutingMode mode, IReadOnlyList<RoutingCandidate> agents, string? lastChosen)
    {
        var skipped = new List<SkippedAgent>();
        var candidates = new List<RoutingCandidate>();
        foreach (var a in agents.OrderBy(a => a.AgentId, StringComparer.Ordinal))
        {
            if (a.Status != AgentStatus.Online) skipped.Add(new(a.AgentId, a.Status.ToWireName()));
            else if (a.OpenChats >= a.Capacity) skipped.Add(new(a.AgentId, $"at capacity ({a.OpenChats} of {a.Capacity})"));
            else candidates.Add(a);
        }
        if (candidates.Count == 0 || mode == RoutingMode.Manual) return (null, null);

        var chosen = mode == RoutingMode.RoundRobin
            ? candidates.FirstOrDefault(c => string.CompareOrdinal(c.AgentId, lastChosen) > 0) ?? candidates[0]
            : candidates.OrderBy(c => c.OpenChats).ThenBy(c => c.LastChatAt ?? DateTimeOffset.MinValue).ThenBy(c => c.AgentId, StringComparer.Ordinal).First();
        var summary = mode == RoutingMode.RoundRobin
            ? $"Round robin: next in turn among {Agents(candidates.Count)} online with room."
            : $"Least busy: {Chats(chosen.OpenChats)} open, the fewest among {Agents(candidates.Count)} online with room.";
        return (chosen, new AssignmentReason
        {
            Rule = mode == RoutingMode.RoundRobin ? "round_robin" : "least_busy",
            AssignedBy = AssignmentReason.Router,
            Considered = candidates.Select(c => c.AgentId).ToList(),
            Skipped = skipped,
            Summary = summary,
        });
    }

    private static string Agents(int n) => n == 1 ? "1 agent" : $"{n} agents";
    private static string Chats(int n) => n == 1 ? "1 chat" : $"{n} chats";
}
