using ChatSupport.Contracts.Routing;

namespace ChatSupport.Grains.Routing;

/// <summary>An agent as the router weighs them for one chat.</summary>
/// <summary>The agents a re-routed chat was taken from, and the reason the assignment's record gives ("did not reply in 120 s").</summary>
public sealed record NotAnswered(IReadOnlyList<string> AgentIds, string Why)
{
    public static NotAnswered? Of(ChatSupport.Contracts.Desk.SessionSummary chat, int? afterSeconds) =>
        chat.ReRoutedFrom.Count == 0 ? null : new(chat.ReRoutedFrom, afterSeconds is { } n ? $"did not reply in {n} s" : "did not reply in time");
}

public sealed record RoutingCandidate(string AgentId, string DisplayName, AgentStatus Status, int OpenChats, int Capacity, DateTimeOffset? LastChatAt);

/// <summary>
/// Who gets the next chat, as a pure function of the mode and the agents (tested with thousands of chats without a
/// cluster). Only online agents under capacity are candidates; everyone else is skipped with the reason. Round robin
/// takes the next candidate after the last one chosen (by agent id, wrapping round); least busy the one with the
/// fewest open chats, ties to whoever has gone longest without a new chat.
/// </summary>
public static class RoutingRule
{
    /// <param name="notAnswered">
    /// The agents this chat was re-routed from (they held it and did not answer): skipped for it, whatever their status,
    /// so a re-routed chat reaches someone else or waits for "Assign to Me".
    /// </param>
    public static (RoutingCandidate? Chosen, AssignmentReason? Reason) Choose(RoutingMode mode, IReadOnlyList<RoutingCandidate> agents, string? lastChosen, NotAnswered? notAnswered = null)
    {
        var skipped = new List<SkippedAgent>();
        var candidates = new List<RoutingCandidate>();
        foreach (var a in agents.OrderBy(a => a.AgentId, StringComparer.Ordinal))
        {
            if (notAnswered is { } reRouted && reRouted.AgentIds.Contains(a.AgentId)) skipped.Add(new(a.AgentId, reRouted.Why));
            else if (a.Status != AgentStatus.Online) skipped.Add(new(a.AgentId, a.Status.ToWireName()));
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
        if (notAnswered is { AgentIds.Count: > 0 } again) summary += $" Re-routed: {again.Why} ({string.Join(", ", again.AgentIds)}).";
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
