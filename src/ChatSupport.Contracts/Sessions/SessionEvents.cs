using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// A notification on a session's stream. Events tell clients something changed; the grain and the
/// message log stay the truth. <see cref="LastSeq"/> is the session's newest message sequence number
/// when the event was raised, so a client that holds fewer messages knows to read the gap from history.
/// It is null only on <see cref="QueuePositionChanged"/>, which the desk raises without knowing it.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record SessionEvent
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required long? LastSeq { get; init; }
}

/// <summary>A message was stored.</summary>
[GenerateSerializer, Immutable]
public sealed record MessagePosted : SessionEvent
{
    [Id(0)] public required ChatMessage Message { get; init; }
}

/// <summary>The status, assignment or rating changed; carries the whole new snapshot.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionChanged : SessionEvent
{
    [Id(0)] public required ChatSessionSnapshot Session { get; init; }
    /// <summary>
    /// True when nothing the visitor may see changed (a note, a label): the change goes to agents only, so that the
    /// visitor does not even learn that something happened.
    /// </summary>
    [Id(1)] public bool AgentsOnly { get; init; }
}

/// <summary>A private note was stored. Internal: the bridge pushes it to agents only, never to a visitor.</summary>
[GenerateSerializer, Immutable]
public sealed record NotePosted : SessionEvent
{
    [Id(0)] public required ChatSupport.Contracts.Notes.ChatNote Note { get; init; }
}

/// <summary>One side started or stopped typing. Ephemeral: never stored.</summary>
[GenerateSerializer, Immutable]
public sealed record TypingChanged : SessionEvent
{
    [Id(0)] public required ChatParty Party { get; init; }
    [Id(1)] public required bool IsTyping { get; init; }
}

/// <summary>A side reported receiving or displaying more of the other side's messages.</summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptsChanged : SessionEvent
{
    [Id(0)] public required DeliveryReceipts Receipts { get; init; }
}

/// <summary>
/// A waiting visitor's place in the queue changed (1 = next), told exactly within the first
/// <see cref="Desk.QueuePlaces.Exact"/> places. Further back, <see cref="Position"/> is null and <see cref="AheadAtLeast"/>
/// says how many are ahead at least; the exact place follows when the chat enters the first places. Both null once the
/// chat left the queue.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueuePositionChanged : SessionEvent
{
    [Id(0)] public int? Position { get; init; }
    /// <summary>
    /// About how many seconds until an agent takes the chat, from the team's recent pace; null when there is no estimate.
    /// Further back than the first places: the estimate of the first place behind them, so at least this long.
    /// </summary>
    [Id(80)] public int? EstimatedWaitSeconds { get; init; }
    /// <summary>Set (to <see cref="Desk.QueuePlaces.Exact"/>) when the chat is further back than the first places: at least this many chats are ahead.</summary>
    [Id(150)] public int? AheadAtLeast { get; init; }
}
