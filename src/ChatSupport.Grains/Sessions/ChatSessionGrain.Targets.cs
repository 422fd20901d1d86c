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
/// Response-time targets (<see cref="ChatTargets"/>) and re-route (<see cref="ChatWorkflow.ReRoute"/>): the deadlines are in the session's stored state. Two things wake
/// the grain when one falls due: a grain timer in this activation (on time, to the second) and an Orleans reminder
/// (stored in Azure Tables, so after a silo's death or a deactivation the chat is activated again and checked). Every
/// activation checks at once too. A missed target is stored as missed in the same write as its event, so it is
/// recorded once, whichever wake-up comes first; a twin activation's write during a failover loses on the ETag.
/// </summary>
public sealed partial class ChatSessionGrain
{
    /// <summary>The stored reminder's name, kept from before it woke re-route too (reminders already stored carry it).</summary>
    private const string TargetCheck = "target-check";

    private IGrainTimer? _targetTimer;
    private bool _targetCheckRegistered;

    private RoutingOptions Routing => ServiceProvider.GetRequiredService<IOptions<RoutingOptions>>().Value;

    /// <summary>The tenant's targets and re-route time at the chat's start; null (none run) when the router cannot be asked.</summary>
    private async Task<RoutingSettings?> RoutingAtStartAsync()
    {
        try
        {
            return await GrainFactory.GetGrain<IRouterGrain>(_tenantId).GetSettings();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Routing settings of {Tenant} not read for session {Session}: no targets or re-route run", _tenantId, _sessionId);
            return null;
        }
    }

    /// <summary>The next deadline this check wakes the chat for: a target falling due, or the assigned agent's time to answer.</summary>
    private static DateTimeOffset? NextCheckDue(ChatSessionState s) =>
        (ChatTargets.NextDue(s), ChatWorkflow.ReRouteDueAt(s)) switch
        {
            ({ } target, { } reRoute) => target < reRoute ? target : reRoute,
            (var target, var reRoute) => target ?? reRoute,
        };

    /// <summary>An open chat under targets or re-route can start a deadline again with its next turn; a resolved one cannot.</summary>
    private static bool MayFallDueAgain(ChatSessionState s) =>
        s.Status != ChatStatus.Resolved && (s.TargetPolicy is not null || s.ReRouteAfterSeconds is not null);

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
        if (NextCheckDue(S) is not { } due)
        {
            // Between two turns of an open chat the reminder stays: the next visitor message starts the next-reply target
            // again, and unregistering and registering it on every turn was three storage calls per pair of messages
            // (docs/benchmarks.md, "What a message costs in storage"). Its tick finds nothing due and does nothing.
            if (_targetCheckRegistered && !MayFallDueAgain(S)) await StopTargetReminderAsync();
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

    /// <summary>
    /// The timer, the reminder or a new activation: records each overdue target as missed, once, and sends a chat
    /// whose agent did not answer in time back to the queue (once: the decision is stored before anyone hears of it).
    /// </summary>
    private async Task TargetCheckDueAsync()
    {
        if (ChatTargets.Overdue(S, clock.GetUtcNow()) is { } missed && (await ApplyAsync(missed)).Error is not null)
        {
            // Not stored: the reminder ticks again.
            return;
        }
        if (ChatWorkflow.ReRoute(S, clock.GetUtcNow()) is { } reRouted)
        {
            if ((await ApplyAsync(reRouted)).Error is not null) return;
            // Waiting again: a visitor who left without writing is abandoned as from any other wait.
            await EnsureAbandonCheckAsync();
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
