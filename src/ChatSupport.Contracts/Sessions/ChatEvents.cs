namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// What a session's decision did, in the past tense. The session's workflow names them with the decision; the session grain stores them with its state (the outbox) and delivers each, at least once and in
/// order, to every consumer (desk, agents, archive, …). Consumers apply them idempotently by
/// (session id, <see cref="ChatEventEnvelope.Seq"/>). Messages are not events here: the message log is already the
/// durable, gap-free record of them, read by sequence number. Events are stored (the session's outbox), so each
/// type carries a stable alias: renaming or moving a class must not make stored events unreadable.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatEvent")]
public abstract record ChatEvent
{
    [Id(0)] public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A visitor started a chat; it waits for an agent.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatStarted")]
public sealed record ChatStarted : ChatEvent
{
    [Id(0)] public required string VisitorId { get; init; }
}

/// <summary>A waiting chat got its agent ("Assign to Me", or assigned by someone else: <see cref="AssignedBy"/>).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.AgentAssigned")]
public sealed record AgentAssigned : ChatEvent
{
    [Id(0)] public required AgentRef Agent { get; init; }
    [Id(1)] public required string AssignedBy { get; init; }
    /// <summary>Why this agent (the router's rule, candidates and skips, or "manual"); null in events stored before it existed.</summary>
    [Id(2)] public Routing.AssignmentReason? Reason { get; init; }
}

/// <summary>An assigned or active chat moved from one agent to another, with the note left for the new agent.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatTransferred")]
public sealed record ChatTransferred : ChatEvent
{
    [Id(0)] public required AgentRef From { get; init; }
    [Id(1)] public required AgentRef To { get; init; }
    [Id(2)] public required string TransferredBy { get; init; }
    [Id(3)] public string? Note { get; init; }
}

/// <summary>The assigned agent's first message was stored: the chat became active.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.FirstAgentReply")]
public sealed record FirstAgentReply : ChatEvent
{
    [Id(0)] public required AgentRef Agent { get; init; }
    [Id(1)] public required long MessageSeq { get; init; }
}

/// <summary>The chat ended: resolved by an agent, closed by the visitor, or abandoned. <see cref="Agent"/> held it then, if anyone did.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatEnded")]
public abstract record ChatEnded : ChatEvent
{
    [Id(0)] public AgentRef? Agent { get; init; }
}

/// <summary>An agent resolved the chat (<see cref="ResolvedBy"/> is that agent's id).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatResolved")]
public sealed record ChatResolved : ChatEnded
{
    [Id(0)] public required string ResolvedBy { get; init; }
}

/// <summary>The visitor ended the chat themself.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatClosedByVisitor")]
public sealed record ChatClosedByVisitor : ChatEnded;

/// <summary>
/// Nobody ended the chat: it waited for an agent while its visitor had no live connection and had written nothing, for
/// longer than the configured time (since <see cref="AwaySince"/>). Counted as abandoned, never as resolved by an agent.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatAbandoned")]
public sealed record ChatAbandoned : ChatEnded
{
    [Id(0)] public required DateTimeOffset AwaySince { get; init; }
}

/// <summary>The visitor rated the resolved chat (once). <see cref="Agent"/> is who held the chat when it ended.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatRated")]
public sealed record ChatRated : ChatEvent
{
    [Id(0)] public required int Stars { get; init; }
    [Id(1)] public string? Feedback { get; init; }
    [Id(2)] public required bool Anonymous { get; init; }
    [Id(3)] public AgentRef? Agent { get; init; }
}

/// <summary>
/// An agent wrote a private note (or a transfer left one), stored as note <see cref="ChatNote.Seq"/> of the chat.
/// Consumers that face visitors must ignore it: its text is internal (the mentions' notifications, the archive use it).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.NoteAdded")]
public sealed record NoteAdded : ChatEvent
{
    [Id(0)] public required ChatSupport.Contracts.Notes.ChatNote Note { get; init; }
}

/// <summary>
/// A stored event as consumers receive it: which session, its number in that session's event sequence (1, 2, …,
/// gap-free), and the session as it was right after the decision, so that no consumer needs to ask the session.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.ChatEventEnvelope")]
public sealed record ChatEventEnvelope
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required long Seq { get; init; }
    [Id(3)] public required ChatEvent Event { get; init; }
    [Id(4)] public required ChatSessionSnapshot Session { get; init; }
}
