using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Re-route: a chat assigned to an agent who has not written in it for the tenant's re-route time goes back to the
/// queue, and the router gives it to someone else. Only a chat nobody has answered yet (assigned_to_agent): once an
/// agent has replied, the next-reply target and its warnings take over, since taking a conversation away mid-way
/// from the agent who started it helps nobody. A transfer restarts the wait for the new agent (it restarts
/// <c>AssignedAt</c>).
/// </summary>
public static partial class ChatWorkflow
{
    /// <summary>When the assigned agent's silence sends the chat back; null when re-route is off or no longer applies.</summary>
    public static DateTimeOffset? ReRouteDueAt(ChatSessionState s) =>
        s is { Status: ChatStatus.AssignedToAgent, FirstAgentReplyAt: null, ReRouteAfterSeconds: { } seconds, AssignedAt: { } assignedAt }
            ? assignedAt.AddSeconds(seconds)
            : null;

    /// <summary>Back to the queue once <see cref="ReRouteDueAt"/> has passed; null (nothing changes) before, or when it no longer applies.</summary>
    public static Decision? ReRoute(ChatSessionState s, DateTimeOffset now)
    {
        if (ReRouteDueAt(s) is not { } due || now < due) return null;
        var from = s.AssignedAgent!;
        return Decision.To(
            s with
            {
                Status = ChatStatus.WaitingForAgent,
                AssignedAgent = null,
                AssignedAt = null,
                AssignmentReason = null,
                ReRoutedFrom = [.. s.ReRoutedFrom.Where(id => id != from.AgentId), from.AgentId],
                ReRoutedAt = now,
            },
            new ChatReRouted { From = from, AfterSeconds = s.ReRouteAfterSeconds!.Value, OccurredAt = now });
    }
}
