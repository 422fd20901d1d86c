using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Settings;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// Automated responses (the tenant's settings): the greeting, the away message, "still looking" and the closing
/// message, stored in the message log as <see cref="ChatParty.System"/> messages with their sequence numbers. Each has
/// a client message id fixed by what it answers (this chat's greeting, this closed period's away message, this resolve's
/// closing), so a retried command or a new activation after a failover finds it in the log and stores nothing twice.
/// System messages are never an agent's reply: <see cref="ChatWorkflow.AfterPost"/> is not called for them, and
/// analytics counts agents' messages only.
/// A delayed one is a deadline in the session's state (<see cref="ChatSessionState.AutomatedDue"/>), stored with the
/// decision that scheduled it: a grain timer sends it on time, and the "automated" reminder (and every activation)
/// finds it if the silo died first, so it is sent once, late at most by the reminder's period.
/// </summary>
public sealed partial class ChatSessionGrain
{
    private static readonly ChatCaller Automated = new(ChatParty.System, "system", "Automated");
    private const string AutomatedReminder = "automated";
    /// <summary>Orleans' shortest reminder period: how late a due message can be after its silo died.</summary>
    private static readonly TimeSpan AutomatedRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AutomatedRetryAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>A visitor or an agent has written (not only automated messages): the chat is no longer abandonable.</summary>
    private bool _peopleWrote;
    private IGrainTimer? _automatedTimer;
    /// <summary>The due time the reminder was registered for by this activation (MinValue: registered, time unknown).</summary>
    private DateTimeOffset? _automatedReminderDue;

    /// <summary>What the abandonment rules read as "someone wrote": people's messages only.</summary>
    private long WrittenSeq => _peopleWrote ? _lastSeq : 0;

    /// <summary>The start's delayed messages, scheduled in the start decision itself (one write: the start and its deadlines).</summary>
    private static Decision WithStartDeadlines(Decision start, WorkspaceSettings? settings, DateTimeOffset now)
    {
        if (start.Error is not null || settings is null) return start;
        var next = start.Next!;
        var responses = settings.AutomatedResponses;
        var due = new List<AutomatedDue>();
        var (id, kind, first) = FirstResponse(next, settings);
        if (first.Enabled && first.DelaySeconds > 0 && id is not null) due.Add(new AutomatedDue(id, kind, now.AddSeconds(first.DelaySeconds)));
        if (responses.StillLooking is { Enabled: true } still && !next.OfflineMessage)
            due.Add(new AutomatedDue("auto:still-looking", AutomatedKind.StillLooking, now.AddSeconds(Math.Max(still.DelaySeconds, 1))));
        return due.Count == 0 ? start : start with { Next = next with { AutomatedDue = [.. due.OrderBy(d => d.DueAt)] } };
    }

    /// <summary>
    /// The message a chat starts with: the greeting, or outside working hours the away message instead (Intercom's
    /// office-hours behaviour), named by the closed period the chat started in.
    /// </summary>
    private static (string? Id, AutomatedKind Kind, AutomatedMessage Message) FirstResponse(ChatSessionState s, WorkspaceSettings settings) =>
        s.OfflineMessage
            ? (AwayPeriod.ClientMessageId(WorkingSchedule.From(settings.WorkingHours, settings.General.TimeZone), Instant.FromDateTimeOffset(s.CreatedAt)),
                AutomatedKind.Away, settings.AutomatedResponses.Away)
            : ("auto:greeting", AutomatedKind.Greeting, settings.AutomatedResponses.Greeting);

    /// <summary>The start's message without a delay (its delayed ones are deadlines); again on a retried start, stored once.</summary>
    private async Task SendStartResponsesAsync(WorkspaceSettings? settings)
    {
        if (!S.Started || S.Status == ChatStatus.Resolved || settings is null) return;
        var (id, _, message) = FirstResponse(S, settings);
        if (message is { Enabled: true, DelaySeconds: <= 0 } && id is not null) await PostAutomatedAsync(id, message.Text);
    }

    /// <summary>The closing message: before the resolve without a delay (it reads above the rating prompt), else a deadline stored with the resolve.</summary>
    private async Task<Decision> WithClosingAsync(Decision resolve)
    {
        if (resolve.Error is not null || await SettingsAsync() is not { AutomatedResponses.Closing: { Enabled: true } closing }) return resolve;
        // One per resolve: a reopened chat resolved again gets its own; a retry of this resolve finds this one.
        var id = $"auto:closing:{S.LastEventSeq}";
        if (closing.DelaySeconds <= 0)
        {
            await PostAutomatedAsync(id, closing.Text);
            return resolve;
        }
        var due = new AutomatedDue(id, AutomatedKind.Closing, clock.GetUtcNow().AddSeconds(closing.DelaySeconds));
        return resolve with { Next = resolve.Next! with { AutomatedDue = [.. resolve.Next.AutomatedDue.Append(due).OrderBy(d => d.DueAt)] } };
    }

    /// <summary>
    /// A visitor wrote in a chat nobody has taken yet: outside working hours they get the away message, once per closed
    /// period (a chat started before closing, or still waiting the next night). Runs after the visitor's answer.
    /// </summary>
    private void AwayAfterVisitorMessage(DateTimeOffset at)
    {
        if (S.Status != ChatStatus.WaitingForAgent) return;
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async () =>
        {
            timer?.Dispose();
            await AwayIfClosedAsync(at);
        }, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task AwayIfClosedAsync(DateTimeOffset at)
    {
        AwayNotice? notice;
        try
        {
            notice = await GrainFactory.GetGrain<ISettingsGrain>(_tenantId).GetAwayNotice(at);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Away message of session {Session} not checked", _sessionId);
            return;
        }
        if (notice is null || S.Status != ChatStatus.WaitingForAgent || _recentAcks.TryGet(Automated, notice.ClientMessageId, out _)
            || S.AutomatedDue.Any(d => d.ClientMessageId == notice.ClientMessageId)) return;
        if (notice.DelaySeconds <= 0)
        {
            await PostAutomatedAsync(notice.ClientMessageId, notice.Text);
            return;
        }
        var due = new AutomatedDue(notice.ClientMessageId, AutomatedKind.Away, at.AddSeconds(notice.DelaySeconds));
        if ((await ApplyAsync(new Decision(S with { AutomatedDue = [.. S.AutomatedDue.Append(due).OrderBy(d => d.DueAt)] }, [], null))).IsSuccess)
            await ScheduleAutomatedAsync();
    }

    /// <summary>
    /// Sends every automated message whose time has come and that still makes sense (a greeting before any agent
    /// reply, "still looking" while the chat waits, a closing while it stays resolved), with the text the settings hold
    /// now (switched off meanwhile: dropped), then stores what is left. What storage refused stays for the next round.
    /// </summary>
    private async Task SendDueAutomatedAsync()
    {
        var now = clock.GetUtcNow();
        var due = S.AutomatedDue.Where(d => d.DueAt <= now).ToList();
        if (due.Count == 0)
        {
            await ScheduleAutomatedAsync();
            return;
        }
        if (await SettingsAsync() is not { } settings)
        {
            await ScheduleAutomatedAsync(notBefore: now + AutomatedRetryAfterFailure);
            return;
        }
        var done = new HashSet<AutomatedDue>();
        foreach (var d in due)
        {
            if (!StillWanted(d) || TextOf(settings.AutomatedResponses, d.Kind) is not { } text || await PostDueAsync(d, text)) done.Add(d);
        }
        var stored = done.Count == 0 || (await ApplyAsync(new Decision(S with { AutomatedDue = [.. S.AutomatedDue.Where(d => !done.Contains(d))] }, [], null))).IsSuccess;
        // What storage refused is tried again a little later, not in a tight loop.
        await ScheduleAutomatedAsync(notBefore: stored && done.Count == due.Count ? null : now + AutomatedRetryAfterFailure);
    }

    private async Task<bool> PostDueAsync(AutomatedDue due, string text)
    {
        if (due.Kind == AutomatedKind.StillLooking)
        {
            var position = await GrainFactory.GetGrain<IDeskGrain>(_tenantId).GetQueuePosition(_sessionId);
            text = text.Replace("{position}", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", StringComparison.Ordinal);
        }
        // Done when stored (or already in the log), or when there was nothing to store; storage's refusal keeps the deadline.
        return string.IsNullOrWhiteSpace(text) || await PostAutomatedAsync(due.ClientMessageId, text) is not null;
    }

    private bool StillWanted(AutomatedDue due) => due.Kind switch
    {
        // "Someone will be with you shortly" after an agent wrote would read wrong.
        AutomatedKind.Greeting or AutomatedKind.Away => S.Status != ChatStatus.Resolved && S.FirstAgentReplyAt is null,
        AutomatedKind.StillLooking => S.Status == ChatStatus.WaitingForAgent,
        AutomatedKind.Closing => S.Status == ChatStatus.Resolved,
        _ => false,
    };

    private static string? TextOf(AutomatedResponses responses, AutomatedKind kind) => (kind switch
    {
        AutomatedKind.Greeting => responses.Greeting,
        AutomatedKind.Away => responses.Away,
        AutomatedKind.StillLooking => responses.StillLooking,
        _ => responses.Closing,
    }) is { Enabled: true, Text: { Length: > 0 } text } ? text : null;

    /// <summary>
    /// A timer for the soonest deadline (precise while this activation lives) and the reminder for the same time (for
    /// when it does not: a silo's death); both are dropped once nothing is left to send.
    /// </summary>
    private async Task ScheduleAutomatedAsync(DateTimeOffset? notBefore = null)
    {
        if (S.AutomatedDue.Count == 0)
        {
            _automatedTimer?.Dispose();
            _automatedTimer = null;
            if (_automatedReminderDue is null) return;
            try
            {
                if (await this.GetReminder(AutomatedReminder) is { } reminder) await this.UnregisterReminder(reminder);
                _automatedReminderDue = null;
            }
            catch (Exception e)
            {
                // It ticks again, finds nothing due and is removed then.
                logger.LogWarning(e, "Automated-message reminder of session {Session} not removed", _sessionId);
            }
            return;
        }
        var next = S.AutomatedDue.Min(d => d.DueAt);
        if (notBefore > next) next = notBefore.Value;
        StartAutomatedTimer(next);
        if (_automatedReminderDue == next) return;
        try
        {
            var wait = next - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(AutomatedReminder, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, AutomatedRetry);
            _automatedReminderDue = next;
        }
        catch (Exception e)
        {
            // The timer still sends it on time; the desk's sweep (Redeliver) registers the reminder again.
            logger.LogWarning(e, "Automated-message reminder of session {Session} not registered", _sessionId);
        }
    }

    private void StartAutomatedTimer(DateTimeOffset next)
    {
        var wait = next - clock.GetUtcNow();
        _automatedTimer?.Dispose();
        _automatedTimer = this.RegisterGrainTimer(async () =>
        {
            _automatedTimer?.Dispose();
            _automatedTimer = null;
            await SendDueAutomatedAsync();
        }, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>The "automated" reminder: this activation may be new (the silo that set the timer died).</summary>
    private async Task AutomatedReminderDueAsync()
    {
        _automatedReminderDue ??= DateTimeOffset.MinValue;
        await SendDueAutomatedAsync();
    }

    /// <summary>
    /// Stores the automated message unless it is in the log already, then notifies the session's subscribers. The
    /// answer is its sequence number (the stored one on a retry), or null when it could not be stored.
    /// </summary>
    private async Task<long?> PostAutomatedAsync(string clientMessageId, string text, ChatCaller? sender = null)
    {
        sender ??= Automated;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (_recentAcks.TryGet(sender, clientMessageId, out var earlier)) return earlier.Seq;
        try
        {
            var (stored, id) = await AppendWithNextSeqAsync(sender, clientMessageId, text, attachment: null);
            if (stored is not { } message) return id.Seq;
            _recentAcks.Add(new StoredMessageId(message.Seq, clientMessageId, message.Sender, message.SenderId, message.SentAt));
            Push(new MessagePosted { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Message = message });
            return message.Seq;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogWarning(e, "Automated message {Message} of session {Session} not stored", clientMessageId, _sessionId);
            return null;
        }
    }

    private async Task<WorkspaceSettings?> SettingsAsync()
    {
        try
        {
            return await GrainFactory.GetGrain<ISettingsGrain>(_tenantId).Get();
        }
        catch (Exception e)
        {
            // Without its settings a chat still starts and resolves, only without automated messages.
            logger.LogWarning(e, "Settings of {Tenant} not read for session {Session}", _tenantId, _sessionId);
            return null;
        }
    }

    private static bool IsOpen(WorkspaceSettings settings, DateTimeOffset now) =>
        WorkingSchedule.From(settings.WorkingHours, settings.General.TimeZone).IsOpen(Instant.FromDateTimeOffset(now));
}
