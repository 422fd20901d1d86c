using ChatSupport.Contracts.Labels;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

// Labels, reopening and follow-ups. Labels: any agent, any status. Reopen: resolved → active_chat with the agent who held
// it. Follow-up: on a resolved chat, for the caller, at a time at least the minimum lead ahead and at most a year.
public static partial class ChatWorkflow
{
    public static readonly TimeSpan FollowUpLongestLead = TimeSpan.FromDays(365);

    /// <summary>Adds (<paramref name="on"/>) or removes a label; no events when the chat's labels stay as they are.</summary>
    public static Decision SetLabel(ChatSessionState s, ChatCaller caller, string labelId, bool on, DateTimeOffset now)
    {
        if (CanWriteNote(s, caller) is { } refused) return refused;
        if (ChatInput.CheckId(labelId, "labelId") is { } badId) return badId;
        var has = s.Labels.Contains(labelId);
        if (has == on) return new Decision(s, [], null);
        if (on && s.Labels.Count >= LabelInput.MaxPerChat)
            return ChatErrors.InvalidInput($"A chat can carry at most {LabelInput.MaxPerChat} labels.");
        IReadOnlyList<string> labels = on ? [.. s.Labels, labelId] : s.Labels.Where(l => l != labelId).ToList();
        return Decision.To(s with { Labels = labels }, new LabelsChanged { Labels = labels, ChangedBy = caller.Id, OccurredAt = now });
    }

    public static Decision Reopen(ChatSessionState s, ChatCaller caller, DateTimeOffset now)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        if (s.Status != ChatStatus.Resolved || s.AssignedAgent is not { } agent) return ChatErrors.NotReopenable();
        return Decision.To(
            s with { Status = ChatStatus.ActiveChat, ResolvedAt = null, ResolvedBy = null, FollowUpAt = null, FollowUpAgent = null },
            new ChatReopened { Agent = agent, ReopenedBy = caller.Id, FollowUpOf = s.FollowUpAgent, OccurredAt = now });
    }

    public static Decision SetFollowUp(ChatSessionState s, ChatCaller caller, DateTimeOffset dueAt, DateTimeOffset now, TimeSpan shortestLead)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        if (s.Status != ChatStatus.Resolved)
            return ChatErrors.InvalidInput("A follow-up is set on a resolved chat; this one is still open.");
        if (dueAt <= now) return ChatErrors.InvalidInput("A follow-up cannot be in the past.");
        if (dueAt < now + shortestLead) return ChatErrors.InvalidInput($"A follow-up must be at least {shortestLead.TotalMinutes:0.##} minutes ahead.");
        if (dueAt > now + FollowUpLongestLead) return ChatErrors.InvalidInput("A follow-up can be at most a year ahead.");
        var replaced = s.FollowUpAgent is { } before && before.AgentId != caller.Id ? before : null;
        return Decision.To(
            s with { FollowUpAt = dueAt, FollowUpAgent = caller.AsAgent() },
            new FollowUpScheduled { Agent = caller.AsAgent(), DueAt = dueAt, Replaced = replaced, OccurredAt = now });
    }

    /// <summary>The follow-up's reminder ticked: due (once) when its time has come; null when there is none or not yet.</summary>
    public static Decision? FollowUpFired(ChatSessionState s, DateTimeOffset now)
    {
        if (s.FollowUpAt is not { } dueAt || s.FollowUpAgent is not { } agent || now < dueAt) return null;
        return Decision.To(s with { FollowUpAt = null, FollowUpAgent = null }, new FollowUpDue { Agent = agent, DueAt = dueAt, OccurredAt = now });
    }
}
