using ChatSupport.Contracts.Messages;

namespace ChatSupport.Contracts.Sessions;

/// <summary>An agent as a chat shows them: id and the name the visitor sees.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentRef([property: Id(0)] string AgentId, [property: Id(1)] string DisplayName);

/// <summary>The visitor's verdict on a resolved chat.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatRating
{
    [Id(0)] public required int Stars { get; init; }
    [Id(1)] public string? Feedback { get; init; }
    [Id(2)] public required bool Anonymous { get; init; }
    [Id(3)] public required DateTimeOffset RatedAt { get; init; }
}

/// <summary>Everything about a session but its messages, as of <see cref="LastSeq"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatSessionSnapshot
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required string VisitorId { get; init; }
    [Id(3)] public required ChatStatus Status { get; init; }
    [Id(4)] public required VisitorMetadata Visitor { get; init; }
    [Id(5)] public AgentRef? AssignedAgent { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? AssignedAt { get; init; }
    [Id(8)] public DateTimeOffset? FirstAgentReplyAt { get; init; }
    [Id(9)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(10)] public ChatParty? ResolvedBy { get; init; }
    [Id(11)] public ChatRating? Rating { get; init; }
    [Id(12)] public double? AiConfidence { get; init; }
    [Id(13)] public required long LastSeq { get; init; }
    [Id(14)] public required DeliveryReceipts Receipts { get; init; }
    [Id(15)] public string? TransferNote { get; init; }
    /// <summary>Resolved because nobody was there (<see cref="ChatAbandoned"/>): <see cref="ResolvedBy"/> is null then.</summary>
    [Id(16)] public bool Abandoned { get; init; }
    /// <summary>The newest private note's number (agents only; a dashboard that holds fewer reads <c>GetNotes</c>).</summary>
    [Id(40)] public long LastNoteSeq { get; init; }
    /// <summary>The chat's labels (ids of the tenant's labels). Agents only.</summary>
    [Id(41)] public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>When the chat's follow-up is due, and whose it is (null when none is set or it fired). Agents only.</summary>
    [Id(42)] public DateTimeOffset? FollowUpAt { get; init; }
    [Id(43)] public AgentRef? FollowUpAgent { get; init; }
    /// <summary>Why the chat went to its agent (shown in the chat's details); agents only.</summary>
    [Id(60)] public Routing.AssignmentReason? AssignmentReason { get; init; }

    // Ids from 70 up: settings.
    /// <summary>Started outside working hours: the queue marks it <em>offline message</em>.</summary>
    [Id(70)] public bool OfflineMessage { get; init; }

    // Ids from 80 up: response-time targets.
    /// <summary>The chat's running targets (missed ones stay, red, until they stop); agents only.</summary>
    [Id(80)] public IReadOnlyList<TargetClock> Targets { get; init; } = [];

    // Ids 140–149: re-route.
    /// <summary>The agents this chat was taken from because they did not answer in time (the router skips them for it); agents only.</summary>
    [Id(140)] public IReadOnlyList<string> ReRoutedFrom { get; init; } = [];
    /// <summary>When the chat last came back to the queue by re-route: "longest waiting" counts its wait from then.</summary>
    [Id(141)] public DateTimeOffset? ReRoutedAt { get; init; }
    /// <summary>When the assigned agent's silence sends the chat back to the queue; null when re-route is off or no longer applies.</summary>
    [Id(142)] public DateTimeOffset? ReRouteDueAt { get; init; }

    /// <summary>An anonymous rating hides who gave it: such a chat never shows its visitor to agents.</summary>
    public bool HidesVisitor => Rating?.Anonymous == true;

    /// <summary>
    /// What agents may see (as <c>ArchivedChat.ForDisplay</c> for the archive): when the rating is anonymous, the visitor's
    /// id is blank and none of their metadata (name, email, pages, browser, place) is shown. The rating, the agent, the
    /// times and the messages' text stay.
    /// </summary>
    public ChatSessionSnapshot ForAgents() => HidesVisitor ? this with { VisitorId = "", Visitor = VisitorMetadata.Empty } : this;

    /// <summary>A page of this chat's messages as agents may see it: the visitor's messages lose their sender's id and name when the rating is anonymous.</summary>
    public MessagePage ForAgents(MessagePage page) => HidesVisitor
        ? page with { Messages = page.Messages.Select(m => m.Sender == ChatParty.Visitor ? m with { SenderId = "", SenderName = null } : m).ToList() }
        : page;
}
