using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The answer to a command: the state to move to with the events that say what happened, or the refusal that
/// leaves the state as it was (and has no events).
/// </summary>
public readonly record struct Decision(ChatSessionState? Next, IReadOnlyList<ChatEvent> Events, ChatError? Error)
{
    public static Decision To(ChatSessionState next, ChatEvent happened) => new(next, [happened], null);
    public static implicit operator Decision(ChatError error) => new(null, [], error);
}

/// <summary>
/// The chat session's state machine as a pure function of (state, command, time). The grain calls it
/// and persists what it returns; tests cover it exhaustively without a cluster.
/// <code>
///   start ──► waiting_for_agent ──assign──► assigned_to_agent ──first agent message──► active_chat
///                                             │   ▲ transfer                         │   ▲ transfer
///                                             └───┴──────────resolve─────────────────┴───┴──► resolved ──rate (once)
///   the visitor may close from any open status; an agent may resolve from assigned or active, and close (bulk
///   "Close selected") from any open status; a waiting chat whose visitor is away and wrote nothing is abandoned.
/// </code>
/// </summary>
public static partial class ChatWorkflow
{
    /// <param name="offlineMessage">Started outside working hours (the grain asks the schedule): the queue marks it.</param>
    public static Decision Start(ChatSessionState s, string visitorId, VisitorMetadata visitor, DateTimeOffset now, bool offlineMessage = false)
    {
        if (s.Started) return ChatErrors.AlreadyStarted();
        if (ChatInput.CheckId(visitorId, "visitorId") is { } badId) return badId;
        if (visitor.Check() is { } badMetadata) return badMetadata;
        return Decision.To(
            s with { Started = true, VisitorId = visitorId, Status = ChatStatus.WaitingForAgent, Visitor = visitor, CreatedAt = now, OfflineMessage = offlineMessage },
            new ChatStarted { VisitorId = visitorId, OccurredAt = now });
    }

    public static ChatError? CanView(ChatSessionState s, ChatCaller caller)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        if (caller.Party == ChatParty.Visitor && caller.Id != s.VisitorId) return ChatErrors.NotYourSession();
        return null;
    }

    /// <summary>
    /// "Assign to Me", "Assign to…", or the router (<paramref name="reason"/> says why it chose the agent): one decision
    /// for all three, so exactly one of them wins a waiting chat.
    /// </summary>
    public static Decision Assign(ChatSessionState s, ChatCaller caller, AgentRef assignee, DateTimeOffset now, AssignmentReason? reason = null)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        if (ChatInput.CheckId(assignee.AgentId, "agentId") is { } badId) return badId;
        if (ChatInput.CheckOptional(assignee.DisplayName, "agent name", ChatLimits.NameMaxLength) is { } badName) return badName;
        var why = reason ?? AssignmentReason.Manual(caller.Id, caller.DisplayName, assignee.DisplayName, self: caller.Id == assignee.AgentId);
        return s.Status switch
        {
            ChatStatus.WaitingForAgent => Decision.To(
                s with { Status = ChatStatus.AssignedToAgent, AssignedAgent = assignee, AssignedAt = now, AssignmentReason = why },
                new AgentAssigned { Agent = assignee, AssignedBy = caller.Id, OccurredAt = now, Reason = why }),
            ChatStatus.Resolved => ChatErrors.ChatResolved(),
            _ => ChatErrors.AlreadyAssigned(s.AssignedAgent!.DisplayName),
        };
    }

    public static Decision Transfer(ChatSessionState s, ChatCaller caller, AgentRef toAgent, string? note, DateTimeOffset now)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        if (ChatInput.CheckId(toAgent.AgentId, "agentId") is { } badId) return badId;
        if (ChatInput.CheckOptional(toAgent.DisplayName, "agent name", ChatLimits.NameMaxLength) is { } badName) return badName;
        if (ChatInput.CheckOptional(note, "note", ChatLimits.TransferNoteMaxLength) is { } badNote) return badNote;
        return s.Status switch
        {
            ChatStatus.WaitingForAgent => ChatErrors.NotAssigned(),
            ChatStatus.Resolved => ChatErrors.ChatResolved(),
            _ when s.AssignedAgent!.AgentId == toAgent.AgentId => ChatErrors.SameAgent(),
            // The conversation's stage is kept: an active chat stays active with its new agent.
            _ => Transferred(s, caller, toAgent, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now),
        };
    }

    public static Decision Resolve(ChatSessionState s, ChatCaller caller, DateTimeOffset now)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        return s.Status switch
        {
            ChatStatus.WaitingForAgent => ChatErrors.NotAssigned(),
            ChatStatus.Resolved => ChatErrors.ChatResolved(),
            _ => Decision.To(
                s with { Status = ChatStatus.Resolved, ResolvedAt = now, ResolvedBy = ChatParty.Agent },
                new ChatResolved { Agent = s.AssignedAgent, ResolvedBy = caller.Id, OccurredAt = now }),
        };
    }

    /// <summary>
    /// "Close selected" on the dashboard: any agent closes an open chat, waiting ones included (a flood of empty chats,
    /// spam), and it is resolved by that agent, as Chatwoot's bulk resolve does. The chat's holder (if any) stays the
    /// agent it is attributed to; a waiting chat closed this way has none.
    /// </summary>
    public static Decision CloseByAgent(ChatSessionState s, ChatCaller caller, DateTimeOffset now)
    {
        if (AgentCommandRefusal(s, caller) is { } refused) return refused;
        if (s.Status == ChatStatus.Resolved) return ChatErrors.ChatResolved();
        return Decision.To(
            s with { Status = ChatStatus.Resolved, ResolvedAt = now, ResolvedBy = ChatParty.Agent },
            new ChatResolved { Agent = s.AssignedAgent, ResolvedBy = caller.Id, OccurredAt = now });
    }

    /// <summary>How many of a visitor's connections a session remembers: more tabs than this are one tab too many.</summary>
    public const int TrackedConnectionsMax = 16;

    /// <summary>
    /// The visitor hub reports a connection of the chat's visitor coming or going. No events: presence is not a change
    /// anyone else sees; it only decides <see cref="AbandonDueAt"/>. Next is the state unchanged when nothing changed.
    /// </summary>
    public static Decision VisitorPresence(ChatSessionState s, ChatCaller caller, string connectionId, bool connected, DateTimeOffset now)
    {
        if (VisitorCommandRefusal(s, caller) is { } refused) return refused;
        if (ChatInput.CheckId(connectionId, "connectionId") is { } badId) return badId;
        if (s.Status == ChatStatus.Resolved) return ChatErrors.ChatResolved();
        var known = s.VisitorConnections.Contains(connectionId);
        if (connected == known) return new Decision(s, [], null);
        if (connected)
            return new Decision(s with { VisitorConnections = [.. s.VisitorConnections.TakeLast(TrackedConnectionsMax - 1), connectionId], VisitorAwaySince = null }, [], null);
        var left = s.VisitorConnections.Where(c => c != connectionId).ToList();
        return new Decision(s with { VisitorConnections = left, VisitorAwaySince = left.Count == 0 ? now : s.VisitorAwaySince }, [], null);
    }

    /// <summary>
    /// When the chat is abandoned if nothing changes: it waits for an agent, the visitor wrote nothing (while waiting only
    /// the visitor can write, so no message at all) and has no live connection, since they left (or since the start if
    /// they never connected), plus <paramref name="after"/>. Null when it is not going to be abandoned.
    /// </summary>
    public static DateTimeOffset? AbandonDueAt(ChatSessionState s, long lastSeq, TimeSpan after) =>
        s is { Started: true, Status: ChatStatus.WaitingForAgent, VisitorConnections.Count: 0 } && lastSeq == 0
            ? (s.VisitorAwaySince ?? s.CreatedAt) + after
            : null;

    /// <summary>Closes the chat as abandoned once <see cref="AbandonDueAt"/> has passed; refused (not_abandoned) before, or when it no longer applies.</summary>
    public static Decision Abandon(ChatSessionState s, long lastSeq, TimeSpan after, DateTimeOffset now)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        if (AbandonDueAt(s, lastSeq, after) is not { } due || now < due) return ChatErrors.NotAbandoned();
        return Decision.To(
            s with { Status = ChatStatus.Resolved, ResolvedAt = now, ResolvedBy = null, Abandoned = true },
            new ChatAbandoned { AwaySince = s.VisitorAwaySince ?? s.CreatedAt, OccurredAt = now });
    }

    public static Decision CloseByVisitor(ChatSessionState s, ChatCaller caller, DateTimeOffset now)
    {
        if (VisitorCommandRefusal(s, caller) is { } refused) return refused;
        if (s.Status == ChatStatus.Resolved) return ChatErrors.ChatResolved();
        return Decision.To(
            s with { Status = ChatStatus.Resolved, ResolvedAt = now, ResolvedBy = ChatParty.Visitor },
            new ChatClosedByVisitor { Agent = s.AssignedAgent, OccurredAt = now });
    }

    public static Decision Rate(ChatSessionState s, ChatCaller caller, int stars, string? feedback, bool anonymous, DateTimeOffset now)
    {
        if (VisitorCommandRefusal(s, caller) is { } refused) return refused;
        var trimmedFeedback = string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim();
        if (ChatInput.CheckRating(stars, trimmedFeedback) is { } badRating) return badRating;
        if (s.Status != ChatStatus.Resolved) return ChatErrors.NotResolved();
        if (s.Rating is not null) return ChatErrors.AlreadyRated();
        return Decision.To(
            s with { Rating = new ChatRating { Stars = stars, Feedback = trimmedFeedback, Anonymous = anonymous, RatedAt = now } },
            new ChatRated { Stars = stars, Feedback = trimmedFeedback, Anonymous = anonymous, Agent = s.AssignedAgent, OccurredAt = now });
    }

    /// <summary>Who may write: the visitor while the chat is open, and only the assigned agent.</summary>
    public static ChatError? CanPost(ChatSessionState s, ChatCaller caller)
    {
        if (CanView(s, caller) is { } cannotView) return cannotView;
        if (s.Status == ChatStatus.Resolved) return ChatErrors.ChatResolved();
        if (caller.Party == ChatParty.Agent && s.AssignedAgent?.AgentId != caller.Id) return ChatErrors.NotAssignedAgent();
        return null;
    }

    /// <summary>
    /// After a stored message: the assigned agent's first message makes the chat active (once; after a transfer the
    /// chat keeps its stage). Null when the message changes nothing.
    /// </summary>
    public static Decision? AfterPost(ChatSessionState s, ChatParty sender, long seq, DateTimeOffset sentAt)
    {
        if (sender != ChatParty.Agent || s.Status != ChatStatus.AssignedToAgent) return null;
        return Decision.To(
            s with { Status = ChatStatus.ActiveChat, FirstAgentReplyAt = s.FirstAgentReplyAt ?? sentAt },
            new FirstAgentReply { Agent = s.AssignedAgent!, MessageSeq = seq, OccurredAt = sentAt });
    }

    /// <summary>Receipts only move forward, and never past the newest message.</summary>
    public static DeliveryReceipts Acknowledge(DeliveryReceipts r, ChatParty reader, long deliveredUpTo, long readUpTo, long lastSeq)
    {
        var read = Math.Min(readUpTo, lastSeq);
        // Displaying a message implies having received it.
        var delivered = Math.Max(Math.Min(deliveredUpTo, lastSeq), read);
        return reader == ChatParty.Visitor
            ? r with { VisitorDeliveredSeq = Math.Max(r.VisitorDeliveredSeq, delivered), VisitorReadSeq = Math.Max(r.VisitorReadSeq, read) }
            : r with { AgentDeliveredSeq = Math.Max(r.AgentDeliveredSeq, delivered), AgentReadSeq = Math.Max(r.AgentReadSeq, read) };
    }

    private static Decision Transferred(ChatSessionState s, ChatCaller caller, AgentRef toAgent, string? note, DateTimeOffset now) =>
        Decision.To(
            s with { AssignedAgent = toAgent, AssignedAt = now, TransferNote = note },
            new ChatTransferred { From = s.AssignedAgent!, To = toAgent, TransferredBy = caller.Id, Note = note, OccurredAt = now });

    private static ChatError? AgentCommandRefusal(ChatSessionState s, ChatCaller caller)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        return caller.Party == ChatParty.Agent ? null : ChatErrors.AgentsOnly();
    }

    private static ChatError? VisitorCommandRefusal(ChatSessionState s, ChatCaller caller)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        if (caller.Party != ChatParty.Visitor) return ChatErrors.VisitorsOnly();
        return caller.Id == s.VisitorId ? null : ChatErrors.NotYourSession();
    }
}
