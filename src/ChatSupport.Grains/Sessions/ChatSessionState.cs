using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// The persisted state of a chat session. Immutable: <see cref="ChatWorkflow"/> returns a new value
/// for each accepted command, so a refused or failed command leaves the old value untouched.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatSessionState
{
    [Id(0)] public bool Started { get; init; }
    [Id(1)] public string VisitorId { get; init; } = "";
    [Id(2)] public ChatStatus Status { get; init; }
    [Id(3)] public VisitorMetadata Visitor { get; init; } = new();
    [Id(4)] public AgentRef? AssignedAgent { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset? AssignedAt { get; init; }
    [Id(7)] public DateTimeOffset? FirstAgentReplyAt { get; init; }
    [Id(8)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(9)] public ChatParty? ResolvedBy { get; init; }
    [Id(10)] public ChatRating? Rating { get; init; }
    [Id(11)] public double? AiConfidence { get; init; }
    /// <summary>A checkpoint of the newest message sequence number; the message log is the truth.</summary>
    [Id(12)] public long LastSeq { get; init; }
    [Id(13)] public DeliveryReceipts Receipts { get; init; } = new();
    [Id(14)] public string? TransferNote { get; init; }
    /// <summary>The number of the session's newest event (1, 2, … with no gaps).</summary>
    [Id(15)] public long LastEventSeq { get; init; }
    /// <summary>
    /// Stored events that some consumer has not confirmed yet, in order. Written with the decision that raised them,
    /// so an answered command's events are never lost; delivered events leave it with the next write.
    /// </summary>
    [Id(16)] public IReadOnlyList<ChatEventEnvelope> Outbox { get; init; } = [];
    /// <summary>Per consumer (by name), the newest event it confirmed.</summary>
    [Id(17)] public IReadOnlyDictionary<string, long> Delivered { get; init; } = new Dictionary<string, long>();
    /// <summary>
    /// The visitor's live connections to this chat (SignalR connection ids, as the visitor hub reports them), newest last,
    /// at most <see cref="ChatWorkflow.TrackedConnectionsMax"/>. Stored, so a reactivated session knows them too.
    /// </summary>
    [Id(18)] public IReadOnlyList<string> VisitorConnections { get; init; } = [];
    /// <summary>When the visitor's last connection left; null while connected, or since the start if they never connected.</summary>
    [Id(19)] public DateTimeOffset? VisitorAwaySince { get; init; }
    /// <summary>The chat was closed as abandoned (nobody resolved it).</summary>
    [Id(20)] public bool Abandoned { get; init; }

    // Ids from 40 up: the notes, labels and follow-up state (kept apart from the core's numbers, which grow from 18).
    /// <summary>The number of the session's newest private note (notes are numbered on their own, not with the messages).</summary>
    [Id(40)] public long LastNoteSeq { get; init; }
    /// <summary>The chat's labels (ids of the tenant's labels), in the order they were added.</summary>
    [Id(41)] public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>The pending follow-up: when, and whose list it lands in. Null when none is set, or once it fired.</summary>
    [Id(42)] public DateTimeOffset? FollowUpAt { get; init; }
    [Id(43)] public AgentRef? FollowUpAgent { get; init; }
    /// <summary>How many files the chat's messages carry (written after each attachment message; the log is the truth).</summary>
    [Id(50)] public int AttachmentCount { get; init; }

    // Ids from 60 up: routing.
    [Id(60)] public ChatSupport.Contracts.Routing.AssignmentReason? AssignmentReason { get; init; }

    // Ids from 70 up: settings.
    /// <summary>Started outside working hours: a message left for the team (the widget's leave-a-message form).</summary>
    [Id(70)] public bool OfflineMessage { get; init; }

    // Ids 100–109: the AI first answer (issue 23).
    /// <summary>The automatic first answer's message number (null: none was sent); one per chat.</summary>
    [Id(100)] public long? AutomaticAnswerSeq { get; init; }
    /// <summary>The visitor asked for a person after the automatic answer.</summary>
    [Id(101)] public DateTimeOffset? HandedOffAt { get; init; }
    // Ids from 90 up: automated responses' deadlines (issue 16); in the state only, not on the snapshot.
    /// <summary>Automated messages scheduled and not yet sent or dropped, soonest first (ChatSessionGrain.Automated).</summary>
    [Id(90)] public IReadOnlyList<AutomatedDue> AutomatedDue { get; init; } = [];
    // Ids from 80 up: response-time targets (ChatTargets).
    /// <summary>The tenant's targets when the chat started (a later change of the settings applies to later chats); null: none run.</summary>
    [Id(80)] public ChatSupport.Contracts.Routing.ResponseTargets? TargetPolicy { get; init; }
    /// <summary>The running targets, missed ones included until they stop.</summary>
    [Id(81)] public IReadOnlyList<TargetClock> Targets { get; init; } = [];
    /// <summary>Targets that stopped (met, missed or no longer applying): they never start again on this chat.</summary>
    [Id(82)] public IReadOnlyList<string> EndedTargets { get; init; } = [];
    /// <summary>The visitor's oldest message no agent has answered yet (the next-reply target counts from it), and its number.</summary>
    [Id(83)] public DateTimeOffset? AwaitingReplySince { get; init; }
    [Id(84)] public long AwaitingReplySeq { get; init; }
    /// <summary>The newest message that started or stopped the wait for a reply: an older one retried changes nothing.</summary>
    [Id(85)] public long ReplyMarkSeq { get; init; }
    /// <summary>
    /// The workspace's working hours and zone when the chat started, kept only when its targets count in working hours
    /// (<see cref="ChatSupport.Contracts.Routing.ResponseTargets.WorkingHoursOnly"/>): its targets' due times skip closed time.
    /// </summary>
    [Id(86)] public ChatSupport.Contracts.Settings.WorkingHoursSettings? TargetHours { get; init; }
    [Id(87)] public string? TargetTimeZone { get; init; }
    // Ids 140–149: re-route (ChatWorkflow.ReRoute).
    /// <summary>The tenant's re-route time when the chat started (null: off); a later change of the settings applies to later chats.</summary>
    [Id(140)] public int? ReRouteAfterSeconds { get; init; }
    /// <summary>The agents the chat was taken from because they did not answer in time, oldest first.</summary>
    [Id(141)] public IReadOnlyList<string> ReRoutedFrom { get; init; } = [];
    [Id(142)] public DateTimeOffset? ReRoutedAt { get; init; }

    public ChatSessionSnapshot ToSnapshot(string tenantId, string sessionId, long lastSeq) => new()
    {
        TenantId = tenantId,
        SessionId = sessionId,
        VisitorId = VisitorId,
        Status = Status,
        Visitor = Visitor,
        AssignedAgent = AssignedAgent,
        CreatedAt = CreatedAt,
        AssignedAt = AssignedAt,
        FirstAgentReplyAt = FirstAgentReplyAt,
        ResolvedAt = ResolvedAt,
        ResolvedBy = ResolvedBy,
        Rating = Rating,
        AiConfidence = AiConfidence,
        LastSeq = lastSeq,
        Receipts = Receipts,
        TransferNote = TransferNote,
        Abandoned = Abandoned,
        LastNoteSeq = LastNoteSeq,
        Labels = Labels,
        FollowUpAt = FollowUpAt,
        FollowUpAgent = FollowUpAgent,
        AssignmentReason = AssignmentReason,
        OfflineMessage = OfflineMessage,
        Targets = Targets,
        ReRoutedFrom = ReRoutedFrom,
        ReRoutedAt = ReRoutedAt,
        ReRouteDueAt = ChatWorkflow.ReRouteDueAt(this),
    };
}
