namespace ChatSupport.Contracts.Sessions;

// Response-time targets (docs/protocol.md, "Response-time targets"). The session grain owns each chat's running
// targets as durable deadlines; these events say when one started (next reply), was met, or was missed. Stored in
// sessions' outboxes: stable aliases.

/// <summary>The target names, as on the wire, in the settings and in analytics.</summary>
public static class TargetNames
{
    public const string Assignment = "assignment";
    public const string FirstReply = "first_reply";
    public const string NextReply = "next_reply";
    public const string Resolution = "resolution";
}

/// <summary>
/// A target running on a chat: which one, since when, and when it is due. The dashboard counts down from
/// <see cref="DueAt"/> itself (amber from 75 % of <see cref="StartedAt"/> → <see cref="DueAt"/>, red once missed); the
/// server sends a clock only when it starts, stops or is missed, never every second.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TargetClock
{
    /// <summary><see cref="TargetNames"/>: assignment, first_reply, next_reply or resolution.</summary>
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required DateTimeOffset StartedAt { get; init; }
    [Id(2)] public required DateTimeOffset DueAt { get; init; }
    /// <summary>The due time passed before the target was met: the chat shows it red until it stops.</summary>
    [Id(3)] public bool Missed { get; init; }
    /// <summary>Which run of the target this is ("next_reply:17": the visitor's message 17 awaits an answer): a target fires at most once per key.</summary>
    [Id(4)] public required string Key { get; init; }
}

/// <summary>A target started that no other event starts: the next-reply target, when a visitor writes after an agent's reply.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.TargetStarted")]
public sealed record TargetStarted : ChatEvent
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
}

/// <summary>A target was met in time (the chat was assigned, answered or resolved before <see cref="DueAt"/>).</summary>
[GenerateSerializer, Immutable, Alias("chat-event.TargetMet")]
public sealed record TargetMet : ChatEvent
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
    /// <summary>Who the target counts for: the agent holding the chat (none for a chat nobody took).</summary>
    [Id(2)] public AgentRef? Agent { get; init; }
}

/// <summary>A target's due time passed before it was met. Recorded once per target per chat, across failovers.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.TargetMissed")]
public sealed record TargetMissed : ChatEvent
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
    /// <summary>Who the target counts for: the agent holding the chat then (none while it waited for one).</summary>
    [Id(2)] public AgentRef? Agent { get; init; }
}
