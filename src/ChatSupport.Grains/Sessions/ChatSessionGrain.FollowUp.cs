using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Labels, reopening and follow-ups. A follow-up is an Orleans reminder (stored in Azure Tables, so it survives silo
/// restarts): it is registered before the decision is stored, fires once (the decision clears the follow-up, then the
/// reminder is removed) and ticks again a minute later only if that write failed.
/// </summary>
public sealed partial class ChatSessionGrain : IRemindable
{
    private const string FollowUpReminder = "follow-up";
    /// <summary>Orleans' shortest reminder period: the retry interval should storing the fired follow-up fail.</summary>
    private static readonly TimeSpan FollowUpRetry = TimeSpan.FromMinutes(1);

    public async Task<ChatResult<ChatSessionSnapshot>> SetLabel(ChatCaller caller, string labelId, bool on)
    {
        var decision = ChatWorkflow.SetLabel(S, caller, labelId, on, clock.GetUtcNow());
        return decision is { Error: null, Events.Count: 0 } ? Snapshot() : await ApplyAsync(decision);
    }

    public Task<ChatResult<ChatSessionSnapshot>> Reopen(ChatCaller caller) => ApplyAsync(ChatWorkflow.Reopen(S, caller, clock.GetUtcNow()));

    public async Task<ChatResult<ChatSessionSnapshot>> SetFollowUp(ChatCaller caller, DateTimeOffset dueAt)
    {
        var now = clock.GetUtcNow();
        var shortestLead = ServiceProvider.GetRequiredService<IOptions<FollowUpOptions>>().Value.ShortestLead;
        var decision = ChatWorkflow.SetFollowUp(S, caller, dueAt, now, shortestLead);
        if (decision.Error is { } refused) return refused;
        try
        {
            // First the reminder: should the decision's write fail, a reminder that finds no follow-up removes itself.
            await this.RegisterOrUpdateReminder(FollowUpReminder, dueAt - now, FollowUpRetry);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Follow-up reminder of session {Session} not registered", _sessionId);
            return ChatErrors.StorageUnavailable();
        }
        return await ApplyAsync(decision);
    }

    /// <summary>The follow-up's reminder (<see cref="ReceiveReminder"/> tells the session's reminders apart).</summary>
    private async Task FollowUpDueAsync()
    {
        if (S.FollowUpAt is null)
        {
            await RemoveFollowUpReminderAsync();
            return;
        }
        if (ChatWorkflow.FollowUpFired(S, clock.GetUtcNow()) is not { } fired) return;
        if ((await ApplyAsync(fired)).IsSuccess) await RemoveFollowUpReminderAsync();
    }

    private async Task RemoveFollowUpReminderAsync()
    {
        if (await this.GetReminder(FollowUpReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
