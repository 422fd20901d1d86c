using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Archive;

/// <summary>
/// A resolved chat as the archive keeps it: who, when, and the rating once it arrives. Written when the
/// chat is resolved and again when it is rated; the same session always lands on the same rows.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArchivedChat
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required string VisitorId { get; init; }
    [Id(3)] public string? VisitorName { get; init; }
    [Id(4)] public string? VisitorEmail { get; init; }
    [Id(5)] public AgentRef? Agent { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public required DateTimeOffset ResolvedAt { get; init; }
    [Id(8)] public ChatParty? ResolvedBy { get; init; }
    [Id(9)] public ChatRating? Rating { get; init; }
    /// <summary>The session's last message sequence number when it was archived (= number of messages).</summary>
    [Id(10)] public long MessageCount { get; init; }
    /// <summary>Nobody resolved it: it waited with no visitor connected and no message until it was closed (ResolvedBy null).</summary>
    [Id(11)] public bool Abandoned { get; init; }
    /// <summary>The chat's labels (ids) when it was archived; the Resolved view filters by them.</summary>
    [Id(40)] public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>
    /// The private notes' text, lower case, for the Resolved view's note search (written by the archive from the log;
    /// never in an answer: <see cref="ForDisplay"/> drops it). Notes themselves are read with the transcript.
    /// </summary>
    [Id(41), System.Text.Json.Serialization.JsonIgnore] public string? NotesText { get; init; }

    /// <summary>The star count the rating filter matches: 1–5, or 0 for "no rating".</summary>
    public int Stars => Rating?.Stars ?? 0;

    /// <summary>An anonymous rating hides who gave it: such a chat never shows (or is found by) its visitor.</summary>
    public bool HidesVisitor => Rating?.Anonymous == true;

    public static ArchivedChat From(ChatSessionSnapshot s) => new()
    {
        TenantId = s.TenantId,
        SessionId = s.SessionId,
        VisitorId = s.VisitorId,
        VisitorName = s.Visitor.Name,
        VisitorEmail = s.Visitor.Email,
        Agent = s.AssignedAgent,
        CreatedAt = s.CreatedAt,
        ResolvedAt = s.ResolvedAt ?? throw new ArgumentException("Only a resolved chat is archived.", nameof(s)),
        ResolvedBy = s.ResolvedBy,
        Rating = s.Rating,
        MessageCount = s.LastSeq,
        Abandoned = s.Abandoned,
        Labels = s.Labels,
    };

    /// <summary>What agents may see: the visitor's identity is removed when the rating is anonymous.</summary>
    public ArchivedChat ForDisplay() => HidesVisitor
        ? this with { VisitorId = "", VisitorName = null, VisitorEmail = null, NotesText = null }
        : this with { NotesText = null };
}

/// <summary>One page of the resolved-chats list, newest first; pass <see cref="NextCursor"/> to read on.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchivePage
{
    [Id(0)] public required IReadOnlyList<ArchivedChat> Chats { get; init; }
    /// <summary>Null on the last page.</summary>
    [Id(1)] public string? NextCursor { get; init; }
}

/// <summary>An agent's ratings, kept as a running sum and count (never recomputed by scanning).</summary>
[GenerateSerializer, Immutable]
public sealed record AgentRatingStats
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required string AgentName { get; init; }
    [Id(2)] public required long Count { get; init; }
    [Id(3)] public required long StarsSum { get; init; }
    public double Average => Count == 0 ? 0 : (double)StarsSum / Count;
}
