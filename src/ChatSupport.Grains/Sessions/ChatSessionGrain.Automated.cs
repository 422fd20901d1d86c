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
/// a client message id fixed by what it answers (this chat's greeting, this resolve's closing), so a retried command
/// or a new activation after a failover finds it in the log and stores nothing twice. System messages are never an
/// agent's reply: <see cref="ChatWorkflow.AfterPost"/> is not called for them, and analytics counts agents' messages only.
/// </summary>
public sealed partial class ChatSessionGrain
{
    private static readonly ChatCaller Automated = new(ChatParty.System, "system", "Automated");

    /// <summary>A visitor or an agent has written (not only automated messages): the chat is no longer abandonable.</summary>
    private bool _peopleWrote;

    /// <summary>What the abandonment rules read as "someone wrote": people's messages only.</summary>
    private long WrittenSeq => _peopleWrote ? _lastSeq : 0;

    private async Task SendStartResponsesAsync()
    {
        if (!S.Started || S.Status == ChatStatus.Resolved || await SettingsAsync() is not { } settings) return;
        var responses = settings.AutomatedResponses;
        // Outside working hours the away message says so instead of the greeting (Intercom's office-hours behaviour).
        var (id, message) = S.OfflineMessage ? ("auto:away", responses.Away) : ("auto:greeting", responses.Greeting);
        if (message.Enabled) await AfterDelayAsync(message.DelaySeconds, () => PostAutomatedAsync(id, message.Text));
        if (responses.StillLooking is { Enabled: true } still && !S.OfflineMessage)
            await AfterDelayAsync(Math.Max(still.DelaySeconds, 1), () => StillLookingDueAsync(still.Text));
    }

    private async Task SendClosingAsync()
    {
        if (await SettingsAsync() is { AutomatedResponses.Closing: { Enabled: true } closing })
            // One per resolve: a reopened chat resolved again gets its own; a retry of this resolve finds this one.
            await PostAutomatedAsync($"auto:closing:{S.LastEventSeq}", closing.Text);
    }

    private async Task StillLookingDueAsync(string text)
    {
        if (S.Status != ChatStatus.WaitingForAgent) return;
        var position = await GrainFactory.GetGrain<IDeskGrain>(_tenantId).GetQueuePosition(_sessionId);
        await PostAutomatedAsync("auto:still-looking", text.Replace("{position}", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs now, or after the delay on a one-shot grain timer (kept alive meanwhile). A delayed message whose silo dies
    /// first is not sent: it is a courtesy, and sending it late (or twice) would be worse.
    /// </summary>
    private async Task AfterDelayAsync(int delaySeconds, Func<Task> send)
    {
        if (delaySeconds <= 0)
        {
            await send();
            return;
        }
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async () =>
        {
            timer?.Dispose();
            await send();
        }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(delaySeconds), Timeout.InfiniteTimeSpan) { KeepAlive = true });
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
            await PublishAsync(new MessagePosted { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Message = message });
            return message.Seq;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            // Not stored, so not shown: the chat goes on without it.
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
