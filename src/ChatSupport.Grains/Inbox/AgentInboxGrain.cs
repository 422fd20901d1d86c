using ChatSupport.Contracts;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Grains.Storage;
using Orleans.Runtime;
using ChatSupport.Grains.Pushes;

namespace ChatSupport.Grains.Inbox;

[GenerateSerializer]
public sealed record AgentInboxState
{
    /// <summary>Newest first, at most <see cref="AgentInboxGrain.NotificationsKept"/>.</summary>
    [Id(0)] public IReadOnlyList<AgentNotification> Notifications { get; init; } = [];
    [Id(1)] public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];
    /// <summary>Ids of notifications seen (also of those dropped from the list), so a redelivered event notifies once.</summary>
    [Id(2)] public IReadOnlyList<string> SeenIds { get; init; } = [];
}

/// <summary>One agent's notifications and follow-ups; each new notification is pushed on the agent's inbox stream.</summary>
public sealed class AgentInboxGrain(
    [PersistentState("inbox", StorageNames.Chat)] IPersistentState<AgentInboxState> state) : PushSourceGrain, IAgentInboxGrain
{
    public const int NotificationsKept = 100;
    private const int SeenKept = 1_000;

    private AgentInboxState S => state.State;

    public async Task Notify(AgentNotification notification)
    {
        if (S.SeenIds.Contains(notification.Id)) return;
        await WriteAsync(S with
        {
            Notifications = [notification, .. S.Notifications.Take(NotificationsKept - 1)],
            SeenIds = [.. S.SeenIds.TakeLast(SeenKept - 1), notification.Id],
        });
        var (tenantId, agentId) = GrainKeys.Split(this.GetPrimaryKeyString());
        // A notification: the dashboard reads the inbox when it (re)connects, so a missed push costs only the toast.
        Watchers.Push(new AgentNotified { TenantId = tenantId, AgentId = agentId, Notification = notification, Unread = Unread() });
    }

    public Task TrackFollowUp(string sessionId, DateTimeOffset dueAt, bool due) =>
        WriteAsync(S with { FollowUps = [.. S.FollowUps.Where(f => f.SessionId != sessionId), new FollowUp { SessionId = sessionId, DueAt = dueAt, Due = due }] });

    public Task DropFollowUp(string sessionId) =>
        S.FollowUps.Any(f => f.SessionId == sessionId)
            ? WriteAsync(S with { FollowUps = S.FollowUps.Where(f => f.SessionId != sessionId).ToList() })
            : Task.CompletedTask;

    public Task<AgentInbox> Get() => Task.FromResult(new AgentInbox
    {
        Notifications = S.Notifications,
        Unread = Unread(),
        FollowUps = S.FollowUps.OrderBy(f => f.DueAt).ToList(),
    });

    public Task MarkAllRead() =>
        Unread() == 0 ? Task.CompletedTask : WriteAsync(S with { Notifications = S.Notifications.Select(n => n with { Read = true }).ToList() });

    private int Unread() => S.Notifications.Count(n => !n.Read);

    private async Task WriteAsync(AgentInboxState next)
    {
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not applied: the session delivers the event again.
            state.State = before;
            throw;
        }
    }
}
