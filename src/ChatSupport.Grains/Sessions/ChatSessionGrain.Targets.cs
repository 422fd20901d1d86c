using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Routing;
using ChatSupport.Grains.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Response-time targets (<see cref="ChatTargets"/>): the deadlines are in the session's stored state. Two things wake
/// the grain when one falls due: a grain timer in this activation (on time, to the second) and an Orleans reminder
/// (stored in Azure Tables, so after a silo's death or a deactivation the chat is activated again and checked). Every
/// activation checks at once too. A missed target is stored as missed in the same write as its event, so it is
/// recorded once, whichever wake-up comes first; a twin activation's write during a failover loses on the ETag.
/// </summary>
public sealed partial class ChatSessionGrain
{
    private const string TargetCheck = "target-check";

    private IGrainTimer? _targetTimer;
    private bool _targetCheckRegistered;

    private RoutingOptions Routing => ServiceProvider.GetRequiredService<IOptions<RoutingOptions>>().Value;

    /// <summary>The tenant's targets at the chat's start; null (none run) when the router cannot be asked.</summary>
    private async Task<ResponseTargets?> TargetPolicyAsync()
    {
        try
        {
            return (await GrainFactory.GetGrain<IRouterGrain>(_tenantId).GetSettings()).Targets;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Routing settings of {Tenant} not read for session {Session}: no targets run", _tenantId, _sessionId);
            return null;
        }
    }

    /// <summary>A decision's targets, started and stopped: its own events and the targets' ones, stored together.</summary>
    private Decision WithTargets(Decision decision)
    {
        var (next, events) = ChatTargets.Follow(decision.Next!, clock.GetUtcNow());
        return events.Count == 0 && ReferenceEquals(next, decision.Next) ? decision : new Decision(next, [.. decision.Events, .. events], null);
    }

    /// <summary>After a person's stored message: the next-reply target may start or stop.</summary>
    private async Task FollowReplyTargetAsync(ChatParty sender, long seq, DateTimeOffset sentAt)
    {
        if (ChatTargets.AfterMessage(S, sender, seq, sentAt) is { } changed) await ApplyAsync(changed);
    }

    /// <summary>Wakes this activation when the next target falls due, and keeps the durable reminder while one can still be missed.</summary>
    private async Task ScheduleTargetCheckAsync()
    {
        _targetTimer?.Dispose();
        _targetTimer = null;
        if (ChatTargets.NextDue(S) is not { } due)
        {
            if (_targetCheckRegistered) await StopTargetReminderAsync();
            return;
        }
        var wait = due - clock.GetUtcNow();
        _targetTimer = this.RegisterGrainTimer(TargetCheckDueAsync, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        if (_targetCheckRegistered) return;
        try
        {
            var period = Routing.TargetCheckPeriod;
            await this.RegisterOrUpdateReminder(TargetCheck, wait > period ? wait : period, period);
            _targetCheckRegistered = true;
        }
        catch (Exception e)
        {
            // The timer still checks while this activation lives; the next decision or activation registers it again.
            logger.LogWarning(e, "Target check of session {Session} not registered", _sessionId);
        }
    }

    /// <summary>The timer, the reminder or a new activation: records each overdue target as missed, once.</summary>
    private async Task TargetCheckDueAsync()
    {
        if (ChatTargets.Overdue(S, clock.GetUtcNow()) is { } missed && (await ApplyAsync(missed)).Error is not null)
        {
            // Not stored: the reminder ticks again.
            return;
        }
        await ScheduleTargetCheckAsync();
    }

    private async Task StopTargetReminderAsync()
    {
        try
        {
            if (await this.GetReminder(TargetCheck) is { } reminder) await this.UnregisterReminder(reminder);
            _targetCheckRegistered = false;
        }
        catch (Exception e)
        {
            // It ticks again, finds nothing due and is stopped then.
            logger.LogWarning(e, "Target check of session {Session} not stopped", _sessionId);
        }
    }
}
