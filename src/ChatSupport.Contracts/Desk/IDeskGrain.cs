using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Desk;

/// <summary>
/// The live index of one tenant's open chats, keyed by tenant id: what the dashboard lists and maps,
/// and the waiting queue in arrival order. Pushes each <see cref="DeskDelta"/> to the Api nodes that watch it
/// (<see cref="Pushes.IPushSource"/>).
/// </summary>
public interface IDeskGrain : Pushes.IPushSource
{
    /// <summary>
    /// Applies a session event (idempotently: an event not newer than the last one applied for that session changes
    /// nothing). Returns once the live list has it and its delta is pushed; the row is stored behind, coalesced
    /// with others (<see cref="WhenStored"/> says when it is durable).
    /// </summary>
    Task Apply(ChatEventEnvelope e);

    /// <summary>
    /// Returns once the session's row reflects event <paramref name="eventSeq"/> (or a later one) in storage; throws when
    /// the write failed, and the caller delivers the event again. Interleaved: waiting holds up no other call.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task WhenStored(string sessionId, long eventSeq);

    /// <summary>The first page of the desk (at most <see cref="DeskPlace.PageSize"/> rows in <see cref="DeskPlace"/> order).</summary>
    Task<DeskSnapshot> GetSnapshot();

    /// <summary>The rows after <paramref name="after"/> (a page's <see cref="DeskSnapshot.NextCursor"/>), at most a page.</summary>
    Task<DeskSnapshot> GetPage(DeskPlace after);

    /// <summary>
    /// Holds a place in the waiting queue for a chat about to start (the visitor grain asks before it creates one):
    /// false when the tenant's queue is full. The desk counts waiting chats and places held in one grain, one call at a
    /// time, so concurrent starts never pass the cap; a place not taken up by the chat's start within a minute is freed.
    /// </summary>
    Task<bool> TryHoldWaitingPlace(string sessionId);

    Task<int?> GetQueuePosition(string sessionId);

    /// <summary>The waiting chats in queue order (oldest first), at most <paramref name="max"/>: what the router hands out.</summary>
    Task<IReadOnlyList<SessionSummary>> GetWaiting(int max);

    /// <summary>
    /// A visitor or agent message was stored in an open chat (the session grain tells, one-way, after it stored it): the
    /// desk keeps it as the chat's <see cref="SessionSummary.LastMessage"/> and pushes the changed row. Held in memory
    /// and stored with the row's next event; a notification, not a decision, so it is not an outbox event (that would
    /// add a state write to every message).
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task NoteMessage(string sessionId, MessagePreview message);
}

/// <summary>One row of the dashboard's live list.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionSummary
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required string VisitorId { get; init; }
    [Id(2)] public required ChatStatus Status { get; init; }
    [Id(3)] public required VisitorMetadata Visitor { get; init; }
    [Id(4)] public AgentRef? AssignedAgent { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset? AssignedAt { get; init; }
    [Id(7)] public double? AiConfidence { get; init; }
    [Id(8)] public int? QueuePosition { get; init; }
    /// <summary>The chat's labels (ids): the queue and the map filter by them.</summary>
    [Id(40)] public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Started outside working hours: shown in the queue as an offline message.</summary>
    [Id(60)] public bool OfflineMessage { get; init; }
    /// <summary>The chat's running targets: the queue row counts down to the soonest, and "soonest target" orders by it.</summary>
    [Id(80)] public IReadOnlyList<TargetClock> Targets { get; init; } = [];
    /// <summary>The agents the chat was re-routed from (the router skips them for it), and when it last came back.</summary>
    [Id(140)] public IReadOnlyList<string> ReRoutedFrom { get; init; } = [];
    [Id(141)] public DateTimeOffset? ReRoutedAt { get; init; }
    /// <summary>When the chat goes back to the queue if its agent does not answer; the row counts down to it.</summary>
    [Id(142)] public DateTimeOffset? ReRouteDueAt { get; init; }

    // Ids 110–119: the agent's workspace (search, "waiting for a reply"). Kept by the desk from NoteMessage, not from events.
    /// <summary>The newest visitor or agent message (never a note); null before the first one.</summary>
    [Id(110)] public MessagePreview? LastMessage { get; init; }
    /// <summary>When the oldest visitor message that no agent message has answered yet was sent; null when none waits.</summary>
    [Id(111)] public DateTimeOffset? AwaitingReplySince { get; init; }
    /// <summary>How many visitor messages came since the last agent message.</summary>
    [Id(112)] public int UnansweredCount { get; init; }

    /// <summary>This summary with the message digest of <paramref name="known"/> (an event's summary does not carry it).</summary>
    public SessionSummary WithMessagesOf(SessionSummary? known) => known is null ? this
        : this with { LastMessage = known.LastMessage, AwaitingReplySince = known.AwaitingReplySince, UnansweredCount = known.UnansweredCount };

    /// <summary>This summary after <paramref name="message"/> (visitor or agent); an older or repeated one changes nothing.</summary>
    public SessionSummary After(MessagePreview message)
    {
        if (LastMessage is { } last && message.Seq <= last.Seq) return this;
        return message.Sender == ChatParty.Visitor
            ? this with { LastMessage = message, AwaitingReplySince = AwaitingReplySince ?? message.SentAt, UnansweredCount = UnansweredCount + 1 }
            : this with { LastMessage = message, AwaitingReplySince = null, UnansweredCount = 0 };
    }

    public static SessionSummary From(ChatSessionSnapshot s) => new()
    {
        SessionId = s.SessionId,
        VisitorId = s.VisitorId,
        Status = s.Status,
        Visitor = s.Visitor,
        AssignedAgent = s.AssignedAgent,
        CreatedAt = s.CreatedAt,
        AssignedAt = s.AssignedAt,
        AiConfidence = s.AiConfidence,
        Labels = s.Labels,
        OfflineMessage = s.OfflineMessage,
        Targets = s.Targets,
        ReRoutedFrom = s.ReRoutedFrom,
        ReRoutedAt = s.ReRoutedAt,
        ReRouteDueAt = s.ReRouteDueAt,
    };
}

[GenerateSerializer, Immutable]
public sealed record DeskSnapshot
{
    /// <summary>Increases by one with every delta of this epoch; a client that sees a jump reloads the snapshot.</summary>
    [Id(0)] public required long Version { get; init; }
    /// <summary>
    /// Which activation of the desk counts the versions: a new one (after a silo's death, or an idle desk's
    /// deactivation) counts from 0 again, so a client that sees another epoch reloads the snapshot.
    /// </summary>
    [Id(2)] public required string Epoch { get; init; }
    /// <summary>Open sessions: waiting ones first in queue order, then the rest, newest first; one page of them.</summary>
    [Id(1)] public required IReadOnlyList<SessionSummary> Sessions { get; init; }
    /// <summary>Where the next page starts (<c>GetDeskPage</c>); null when this page holds the last row.</summary>
    [Id(3)] public string? NextCursor { get; init; }
    /// <summary>The whole desk's counts, whatever the page holds.</summary>
    [Id(4)] public required DeskCounts Counts { get; init; }
}

/// <summary>How many of the tenant's chats are open, and how many of those wait for an agent.</summary>
[GenerateSerializer, Immutable]
public sealed record DeskCounts([property: Id(0)] int Waiting, [property: Id(1)] int Open);

[GenerateSerializer]
public enum DeskDeltaKind
{
    Added = 0,
    Changed = 1,
    Removed = 2,
}

/// <summary>A change to the desk's live list. A resolved session is <see cref="DeskDeltaKind.Removed"/> with its final summary.</summary>
[GenerateSerializer, Immutable]
public sealed record DeskDelta
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required long Version { get; init; }
    [Id(2)] public required DeskDeltaKind Kind { get; init; }
    [Id(3)] public required SessionSummary Session { get; init; }
    /// <summary>The desk activation that counted <see cref="Version"/> (see <see cref="DeskSnapshot.Epoch"/>).</summary>
    [Id(4)] public required string Epoch { get; init; }
    /// <summary>The whole desk's counts after this change.</summary>
    [Id(5)] public required DeskCounts Counts { get; init; }
}
