using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Inbox;

[GenerateSerializer]
public enum NotificationKind
{
    /// <summary>Someone mentioned the agent in a private note.</summary>
    Mention = 0,
    /// <summary>A follow-up the agent set on a chat is due.</summary>
    FollowUp = 1,
    /// <summary>A visitor rated a chat 1 or 2 stars (to the tenant's admins): it waits in "Needs review".</summary>
    LowRating = 2,
    /// <summary>A chat the agent held went back to the queue: they did not answer within the re-route time.</summary>
    ReRouted = 3,
}

/// <summary>One line of an agent's notifications: what happened, in which chat, by whom.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentNotification
{
    /// <summary>Stable per cause (session, event number, kind): a redelivered event notifies once.</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required NotificationKind Kind { get; init; }
    [Id(2)] public required string SessionId { get; init; }
    /// <summary>Who caused it (the note's author), or null.</summary>
    [Id(3)] public string? From { get; init; }
    /// <summary>A sentence for the toast, at most 200 characters (a note's beginning, the stars).</summary>
    [Id(4)] public required string Text { get; init; }
    [Id(5)] public required DateTimeOffset At { get; init; }
    [Id(6)] public bool Read { get; init; }
}

/// <summary>A follow-up set on a chat: due at <see cref="DueAt"/>; <see cref="Due"/> once its reminder fired.</summary>
[GenerateSerializer, Immutable]
public sealed record FollowUp
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required DateTimeOffset DueAt { get; init; }
    [Id(2)] public required bool Due { get; init; }
}

/// <summary>An agent's notifications (newest first) with the unread count, and their follow-ups (soonest first).</summary>
[GenerateSerializer, Immutable]
public sealed record AgentInbox
{
    [Id(0)] public required IReadOnlyList<AgentNotification> Notifications { get; init; }
    [Id(1)] public required int Unread { get; init; }
    [Id(2)] public required IReadOnlyList<FollowUp> FollowUps { get; init; }
}

/// <summary>Pushed on the agent's inbox stream (and to their dashboards as <c>AgentNotified</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record AgentNotified
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string AgentId { get; init; }
    [Id(2)] public required AgentNotification Notification { get; init; }
    [Id(3)] public required int Unread { get; init; }
}

/// <summary>
/// One agent's notifications and follow-ups, keyed "{tenantId}/{agentId}". Written by event consumers only (mentions,
/// follow-ups, low ratings), each change idempotent by the notification's id; read by the agent's dashboard. Api nodes
/// with a connection of the agent watch it (<see cref="Pushes.IPushSource"/>) for <see cref="AgentNotified"/>.
/// </summary>
public interface IAgentInboxGrain : Pushes.IPushSource
{
    /// <summary>Adds the notification (once per id) and pushes it to the agent's dashboards.</summary>
    Task Notify(AgentNotification notification);

    /// <summary>A follow-up was set (or moved) on the chat; <paramref name="due"/> once its time came.</summary>
    Task TrackFollowUp(string sessionId, DateTimeOffset dueAt, bool due);

    /// <summary>The chat has no follow-up any more (reopened, or set by someone else).</summary>
    Task DropFollowUp(string sessionId);

    Task<AgentInbox> Get();

    Task MarkAllRead();
}
