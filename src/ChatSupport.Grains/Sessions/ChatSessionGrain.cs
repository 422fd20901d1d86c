using Azure;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;
using ChatSupport.Grains.Messages;
using ChatSupport.Grains.Pushes;
using ChatSupport.Contracts.Pushes;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;

namespace ChatSupport.Grains.Sessions;

/// <summary>
/// One chat session. Decisions come from <see cref="ChatWorkflow"/> with the events that name what happened; this
/// class stores both in one write (the events in the state's outbox), keeps the message log, pushes notifications to
/// the Api nodes watching the session (<see cref="PushWatchers"/>), and hands the events to <see cref="ChatEventFanOut"/>, which delivers them to every
/// consumer (desk, agents, archive, …) until each has confirmed them. A waiting chat that nobody is in is closed as
/// abandoned by an Orleans reminder (<see cref="ReceiveReminder"/>), which outlives this activation and its silo.
/// </summary>
public sealed partial class ChatSessionGrain(
    [PersistentState("session", StorageNames.Chat)] IPersistentState<ChatSessionState> state,
    MessageLog log,
    ChatEventFanOut fanOut,
    [FromKeyedServices(ChatClock.Key)] TimeProvider clock,
    IOptions<ChatQueueOptions> queueOptions,
    ILogger<ChatSessionGrain> logger) : PushSourceGrain, IChatSessionGrain, IRemindable
{
    private const string AbandonCheck = "abandon-check";

    private static readonly TimeSpan ReceiptFlushDelay = TimeSpan.FromSeconds(2);
    /// <summary>Redelivery waits double after each failed round, from the first to the last of these.</summary>
    private static readonly TimeSpan FirstRedeliveryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRedeliveryDelay = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many of a session's newest messages a retry is recognized among (by client message id). Clients
    /// retry only sends they have no ack for, at most a few per client, so a retry older than this many newer
    /// messages does not happen in practice; if one did, it would be stored again under a new number.
    /// </summary>
    public const int IdempotencyWindow = 256;

    private readonly RecentAcks _recentAcks = new(IdempotencyWindow);
    private string _tenantId = "";
    private string _sessionId = "";
    private long _lastSeq;
    private IGrainTimer? _receiptFlush;
    private IGrainTimer? _redelivery;
    /// <summary>When the scheduled round is due, in <see cref="Environment.TickCount64"/> (timers run on real time, whatever the chat's clock says).</summary>
    private long _redeliveryAt;
    /// <summary>Consumers with a delivery under way (at most one per consumer, so each gets its events in order), and when it ends.</summary>
    private readonly Dictionary<string, Task> _delivering = new(StringComparer.Ordinal);
    private TimeSpan _redeliveryDelay = FirstRedeliveryDelay;
    /// <summary>Delivery progress changed in memory since the last write; stored with the next write or on deactivation.</summary>
    private bool _outboxChanged;
    /// <summary>This activation knows the abandonment reminder is registered (it is kept until the chat cannot be abandoned any more).</summary>
    private bool _abandonCheckRegistered;
    private readonly ChatQueueOptions _queue = queueOptions.Value;

    private ChatSessionState S => state.State;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        (_tenantId, _sessionId) = GrainKeys.Split(this.GetPrimaryKeyString());
        // Events stored by an earlier activation that died before every consumer confirmed them.
        if (S.Outbox.Count > 0) RedeliverIn(TimeSpan.Zero);
        if (!S.Started) return;
        // The state holds a checkpoint of the last sequence number (not written per message): the rows after it are
        // read back for the true last one, together with the window before it, so that a retry of a message stored
        // by an earlier activation (even one that died between storing and acknowledging) is recognized.
        _lastSeq = S.LastSeq;
        // Automated messages are at most a few per chat: a log longer than the window read back has people's messages.
        _peopleWrote = S.LastSeq > IdempotencyWindow;
        CatchUp(await log.ReadIdsAfterAsync(this.GetPrimaryKeyString(), Math.Max(0, S.LastSeq - IdempotencyWindow), ct));
        // Deadlines are checked on every activation: one may have passed while no silo held the chat.
        if (NextCheckDue(S) is not null)
            _targetTimer = this.RegisterGrainTimer(TargetCheckDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        // Deadlines an earlier activation did not live to meet (ChatSessionGrain.Automated).
        if (S.AutomatedDue.Count > 0) StartAutomatedTimer(S.AutomatedDue.Min(d => d.DueAt));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        if (_receiptFlush is not null || _outboxChanged) await FlushReceiptsAsync();
        await base.OnDeactivateAsync(reason, ct);
    }

    public async Task Redeliver()
    {
        if (S.Outbox.Count > 0 && _redelivery is null) RedeliverIn(TimeSpan.Zero);
        // The desk's sweep reaches every open chat: one whose reminder could not be registered (or that is older than
        // abandonment) gets it here.
        await EnsureAbandonCheckAsync();
        if (S.AutomatedDue.Count > 0) await SendDueAutomatedAsync();
    }

    public async Task<ChatResult<ChatSessionSnapshot>> Start(string visitorId, VisitorMetadata metadata)
    {
        // A retried start by the same visitor is answered with the session as it is.
        if (S.Started && S.VisitorId == visitorId)
        {
            // The first attempt may have stored the start and died before its automated messages: they are sent once.
            await SendStartResponsesAsync(await SettingsAsync());
            await SendDueAutomatedAsync();
            return Snapshot();
        }
        var settings = await SettingsAsync();
        var routing = await RoutingAtStartAsync();
        var now = clock.GetUtcNow();
        var start = ChatWorkflow.Start(S, visitorId, metadata, now, offlineMessage: settings is not null && !IsOpen(settings, now));
        var withRouting = start.Next is { } next
            ? start with
            {
                Next = next with
                {
                    TargetPolicy = routing?.Targets,
                    ReRouteAfterSeconds = routing?.ReRouteAfterSeconds,
                    // Working hours ride with the chat only when its targets count in them (most chats carry nothing extra).
                    TargetHours = routing?.Targets.WorkingHoursOnly == true && settings?.WorkingHours.Enabled == true ? settings.WorkingHours : null,
                    TargetTimeZone = routing?.Targets.WorkingHoursOnly == true && settings?.WorkingHours.Enabled == true ? settings.General.TimeZone : null,
                },
            }
            : start;
        var started = await ApplyAsync(WithStartDeadlines(withRouting, settings, now));
        if (!started.IsSuccess) return started;
        await EnsureAbandonCheckAsync();
        await SendStartResponsesAsync(settings);
        await ScheduleAutomatedAsync();
        return Snapshot();
    }

    public Task<ChatResult<ChatSessionSnapshot>> CloseByAgent(ChatCaller caller) =>
        ApplyAsync(ChatWorkflow.CloseByAgent(S, caller, clock.GetUtcNow()));

    public async Task<ChatResult<bool>> VisitorPresence(ChatCaller caller, string connectionId, bool connected)
    {
        var decision = ChatWorkflow.VisitorPresence(S, caller, connectionId, connected, clock.GetUtcNow());
        if (decision.Error is { } refused) return refused;
        if (ReferenceEquals(decision.Next, S)) return connected;
        if ((await ApplyAsync(decision)).Error is { } failed) return failed;
        await EnsureAbandonCheckAsync();
        return connected;
    }

    /// <summary>
    /// The abandonment check: closes the chat once <see cref="ChatWorkflow.AbandonDueAt"/> has passed; stops checking
    /// once the chat can no longer be abandoned (an agent took it, the visitor wrote, it ended). While the visitor is
    /// connected it keeps ticking: they may leave again.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == FollowUpReminder) await FollowUpDueAsync();
        else if (reminderName == TargetCheck)
        {
            _targetCheckRegistered = true;
            await TargetCheckDueAsync();
        }
        else if (reminderName == AbandonCheck) await AbandonCheckDueAsync();
        else if (reminderName == AutomatedReminder) await AutomatedReminderDueAsync();
    }

    private async Task AbandonCheckDueAsync()
    {
        _abandonCheckRegistered = true;
        if (!S.Started || S.Status != ChatStatus.WaitingForAgent || WrittenSeq > 0)
        {
            await StopAbandonCheckAsync();
            return;
        }
        var abandoned = ChatWorkflow.Abandon(S, WrittenSeq, _queue.AbandonAfter, clock.GetUtcNow());
        if (abandoned.Error is not null) return; // not yet, or someone is there
        if ((await ApplyAsync(abandoned)).IsSuccess) await StopAbandonCheckAsync();
    }

    public Task<ChatResult<ChatSessionSnapshot>> GetSnapshot(ChatCaller caller) =>
        Task.FromResult(ChatWorkflow.CanView(S, caller) is { } refused
            ? ChatResult<ChatSessionSnapshot>.Refused(refused)
            : ChatResult<ChatSessionSnapshot>.Ok(Snapshot()));

    public Task<ChatResult<ChatSessionSnapshot>> Assign(ChatCaller caller, AgentRef assignee) =>
        ApplyAsync(ChatWorkflow.Assign(S, caller, assignee, clock.GetUtcNow()));

    /// <summary>The router acts as this caller: an agent-side party that is nobody's account.</summary>
    private static readonly ChatCaller RouterCaller = new(ChatParty.Agent, ChatSupport.Contracts.Routing.AssignmentReason.Router, "Auto-assignment");

    public Task<ChatResult<ChatSessionSnapshot>> AssignByRule(AgentRef assignee, ChatSupport.Contracts.Routing.AssignmentReason reason) =>
        ApplyAsync(ChatWorkflow.Assign(S, RouterCaller, assignee, clock.GetUtcNow(), reason));

    public Task<ChatResult<ChatSessionSnapshot>> Transfer(ChatCaller caller, AgentRef toAgent, string? note)
    {
        var decision = ChatWorkflow.Transfer(S, caller, toAgent, note, clock.GetUtcNow());
        // The transfer's note is also a private note of the chat: archived, never overwritten (ChatSessionGrain.Notes).
        return decision.Events is [ChatTransferred { Note: { } text }]
            ? TransferWithNoteAsync(caller, decision, text)
            : ApplyAsync(decision);
    }

    public async Task<ChatResult<ChatSessionSnapshot>> Resolve(ChatCaller caller)
    {
        // The closing message comes before the resolve, so the visitor reads it above the rating prompt (or, delayed, is a deadline stored with it).
        var resolved = await ApplyAsync(await WithClosingAsync(ChatWorkflow.Resolve(S, caller, clock.GetUtcNow())));
        if (resolved.IsSuccess && S.AutomatedDue.Count > 0) await ScheduleAutomatedAsync();
        return resolved;
    }

    public Task<ChatResult<ChatSessionSnapshot>> CloseByVisitor(ChatCaller caller) =>
        ApplyAsync(ChatWorkflow.CloseByVisitor(S, caller, clock.GetUtcNow()));

    public Task<ChatResult<ChatSessionSnapshot>> Rate(ChatCaller caller, int stars, string? feedback, bool anonymous) =>
        ApplyAsync(ChatWorkflow.Rate(S, caller, stars, feedback, anonymous, clock.GetUtcNow()));

    // The token is not passed down on purpose: a started write finishes, and the resend finds it (the interface says why).
    public async Task<ChatResult<MessageAck>> PostMessage(ChatCaller caller, string clientMessageId, string text, CancellationToken abandon = default)
    {
        if (ChatWorkflow.CanPost(S, caller) is { } refused) return refused;
        if (ChatInput.CheckClientMessageId(clientMessageId) is { } badId) return badId;
        if (ChatInput.CheckMessageText(text, out var trimmed) is { } badText) return badText;
        if (_recentAcks.TryGet(caller, clientMessageId, out var known)) return await AcknowledgeAgainAsync(known);
        var posted = await StoreAsync(caller, clientMessageId, trimmed, attachment: null);
        if (posted.IsSuccess && caller.Party == ChatParty.Visitor) AwayAfterVisitorMessage(posted.Value!.SentAt);
        return posted;
    }

    /// <summary>Stores a new message (text, or a file's) under the next number, then tells the session's subscribers.</summary>
    private async Task<ChatResult<MessageAck>> StoreAsync(ChatCaller caller, string clientMessageId, string text, ChatSupport.Contracts.Attachments.MessageAttachment? attachment)
    {
        (ChatMessage? Stored, StoredMessageId Id) appended;
        try
        {
            appended = await AppendWithNextSeqAsync(caller, clientMessageId, text, attachment);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogWarning(e, "Message for session {Session} not stored", _sessionId);
            return ChatErrors.StorageUnavailable();
        }
        if (appended.Stored is not { } message) return await AcknowledgeAgainAsync(appended.Id);

        var id = new StoredMessageId(message.Seq, clientMessageId, message.Sender, message.SenderId, message.SentAt);
        _recentAcks.Add(id);
        Push(new MessagePosted { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Message = message });
        TellDeskAbout(message);
        await ApplyAfterPostAsync(id);
        return ToAck(id, duplicate: false);
    }

    public async Task<ChatResult<MessagePage>> GetMessages(ChatCaller caller, long afterSeq, int max)
    {
        if (ChatWorkflow.CanView(S, caller) is { } refused) return refused;
        if (ChatInput.CheckSequence(afterSeq, "afterSeq") is { } badSeq) return badSeq;
        if (max is < 1 or > ChatLimits.HistoryPageMax)
            return ChatErrors.InvalidInput($"A history page holds 1 to {ChatLimits.HistoryPageMax} messages.");
        try
        {
            var (messages, hasMore) = await log.ReadAfterAsync(this.GetPrimaryKeyString(), afterSeq, max);
            return new MessagePage { Messages = messages, HasMore = hasMore, LastSeq = _lastSeq };
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogWarning(e, "History of session {Session} not read", _sessionId);
            return ChatErrors.StorageUnavailable();
        }
    }

    public Task<ChatResult<bool>> SetTyping(ChatCaller caller, bool isTyping)
    {
        if (ChatWorkflow.CanPost(S, caller) is { } refused) return Task.FromResult<ChatResult<bool>>(refused);
        Push(new TypingChanged { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Party = caller.Party, IsTyping = isTyping });
        return Task.FromResult<ChatResult<bool>>(isTyping);
    }

    public Task<ChatResult<DeliveryReceipts>> Acknowledge(ChatCaller caller, long deliveredUpTo, long readUpTo) =>
        Task.FromResult(AcknowledgeNow(caller, deliveredUpTo, readUpTo));

    private ChatResult<DeliveryReceipts> AcknowledgeNow(ChatCaller caller, long deliveredUpTo, long readUpTo)
    {
        if (ChatWorkflow.CanView(S, caller) is { } refused) return refused;
        if ((ChatInput.CheckSequence(deliveredUpTo, "deliveredUpTo") ?? ChatInput.CheckSequence(readUpTo, "readUpTo")) is { } badSeq) return badSeq;
        var receipts = ChatWorkflow.Acknowledge(S.Receipts, caller.Party, deliveredUpTo, readUpTo, _lastSeq);
        if (receipts == S.Receipts) return receipts;

        state.State = S with { Receipts = receipts };
        // Receipts are frequent and cheap to lose a second of; they are written a moment later, coalesced.
        _receiptFlush ??= this.RegisterGrainTimer(FlushReceiptsAsync, new GrainTimerCreationOptions(ReceiptFlushDelay, Timeout.InfiniteTimeSpan));
        Push(new ReceiptsChanged { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Receipts = receipts });
        return receipts;
    }

    private async Task EnsureAbandonCheckAsync()
    {
        if (_abandonCheckRegistered || ChatWorkflow.AbandonDueAt(S, WrittenSeq, _queue.AbandonAfter) is not { } due) return;
        try
        {
            var wait = due - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(AbandonCheck, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _queue.AbandonCheckPeriod);
            _abandonCheckRegistered = true;
        }
        catch (Exception e)
        {
            // The desk's next sweep (Redeliver) tries again.
            logger.LogWarning(e, "Abandonment check of session {Session} not registered", _sessionId);
        }
    }

    private async Task StopAbandonCheckAsync()
    {
        try
        {
            if (await this.GetReminder(AbandonCheck) is { } reminder) await this.UnregisterReminder(reminder);
            _abandonCheckRegistered = false;
        }
        catch (Exception e)
        {
            // It ticks again and is stopped then.
            logger.LogWarning(e, "Abandonment check of session {Session} not stopped", _sessionId);
        }
    }

    /// <summary>Stores the message under the next sequence number: the new message, or (Stored null) the id it was stored under before.</summary>
    private async Task<(ChatMessage? Stored, StoredMessageId Id)> AppendWithNextSeqAsync(
        ChatCaller caller, string clientMessageId, string text, ChatSupport.Contracts.Attachments.MessageAttachment? attachment)
    {
        var key = this.GetPrimaryKeyString();
        for (var attempt = 0; ; attempt++)
        {
            var message = new ChatMessage
            {
                Seq = _lastSeq + 1,
                ClientMessageId = clientMessageId,
                Sender = caller.Party,
                SenderId = caller.Id,
                SenderName = caller.Party == ChatParty.Visitor ? S.Visitor.Name : caller.DisplayName,
                Text = text,
                SentAt = clock.GetUtcNow(),
                Attachment = attachment,
            };
            if (await log.TryAppendAsync(key, message))
            {
                _lastSeq = message.Seq;
                if (caller.Party != ChatParty.System) _peopleWrote = true;
                return (message, new StoredMessageId(message.Seq, clientMessageId, message.Sender, message.SenderId, message.SentAt));
            }
            // The number is taken: by a stale twin activation during a failover, or by this very message, whose earlier
            // attempt was stored after all (a storage timeout, or a twin that stored it and died before acknowledging).
            // Catch up on what was stored since the last number this activation knew; it is this message, or try the next number.
            CatchUp(await log.ReadIdsAfterAsync(key, _lastSeq));
            if (_recentAcks.TryGet(caller, clientMessageId, out var before)) return (null, before);
            if (attempt == 2) throw new RequestFailedException(409, "The message sequence kept moving; giving up for now.");
        }
    }

    /// <summary>A retry of a stored message: nothing new is stored; the answer is the first acknowledgement.</summary>
    private async Task<ChatResult<MessageAck>> AcknowledgeAgainAsync(StoredMessageId stored)
    {
        // The first attempt may have stored the message and died before this step (the first agent reply's status change).
        await ApplyAfterPostAsync(stored);
        return ToAck(stored, duplicate: true);
    }

    private async Task ApplyAfterPostAsync(StoredMessageId stored)
    {
        if (ChatWorkflow.AfterPost(S, stored.Sender, stored.Seq, stored.SentAt) is { } becameActive) await ApplyAsync(becameActive);
        await FollowReplyTargetAsync(stored.Sender, stored.Seq, stored.SentAt);
    }

    private static MessageAck ToAck(StoredMessageId stored, bool duplicate) =>
        new() { Seq = stored.Seq, ClientMessageId = stored.ClientMessageId, SentAt = stored.SentAt, Duplicate = duplicate };

    /// <summary>Takes in messages stored by anyone (read from the log, in order): the last sequence number and the retry window.</summary>
    private void CatchUp(IReadOnlyList<StoredMessageId> stored)
    {
        foreach (var id in stored)
        {
            if (id.Sender != ChatParty.System) _peopleWrote = true;
            _recentAcks.Add(id);
            _lastSeq = Math.Max(_lastSeq, id.Seq);
        }
    }

    /// <summary>
    /// Stores an accepted decision together with its events (numbered on from the last one, each carrying the session
    /// as it is now), then notifies the session's subscribers and delivers the events. The caller's answer waits for
    /// the first round to the consumers marked BeforeAnswer (the desk and the agents' lists are current when it
    /// arrives); the others get theirs right after; what fails is retried (<see cref="RedeliverIn"/>), and the events
    /// are already safe in the outbox.
    /// </summary>
    private async Task<ChatResult<ChatSessionSnapshot>> ApplyAsync(Decision decision)
    {
        if (decision.Error is { } error) return error;
        decision = WithTargets(decision);
        var previous = S;
        var decided = decision.Next! with { LastSeq = _lastSeq, LastEventSeq = S.LastEventSeq + decision.Events.Count };
        var snapshot = decided.ToSnapshot(_tenantId, _sessionId, _lastSeq);
        var raised = decision.Events.Select((e, i) => new ChatEventEnvelope
        {
            TenantId = _tenantId,
            SessionId = _sessionId,
            Seq = S.LastEventSeq + 1 + i,
            Event = e,
            Session = snapshot,
        });
        // The progress as it is now: a delivery that interleaved with this call may have moved it since the decision was made.
        state.State = decided with { Outbox = [.. S.Outbox, .. raised], Delivered = S.Delivered };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (IsStorageFailure(e) || e is InconsistentStateException)
        {
            state.State = previous;
            logger.LogWarning(e, "State of session {Session} not stored", _sessionId);
            // After a conflicting write the stored state is newer than ours: reload on the next call.
            if (e is InconsistentStateException) DeactivateOnIdle();
            return ChatErrors.StorageUnavailable();
        }
        ChatSupport.Grains.Telemetry.ChatMetrics.EventsStored(decision.Events);
        _receiptFlush?.Dispose();
        _receiptFlush = null;
        _outboxChanged = false;
        if (!ReferenceEquals(previous.Targets, S.Targets) || ChatWorkflow.ReRouteDueAt(previous) != ChatWorkflow.ReRouteDueAt(S)) await ScheduleTargetCheckAsync();
        // A decision without events (the visitor's presence) changes nothing anyone else sees.
        if (decision.Events.Count == 0) return snapshot;

        // A change the visitor cannot see (a note, a label) goes to agents only: not even its existence reaches the visitor.
        var agentsOnly = VisitorSessionView.Of(previous.ToSnapshot(_tenantId, _sessionId, _lastSeq)) == VisitorSessionView.Of(snapshot);
        Push(new SessionChanged { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Session = snapshot, AgentsOnly = agentsOnly });
        await DeliverOutboxAsync(beforeAnswerOnly: true);
        // Everyone else right after the answer, in a round that interleaves with the chat's next calls.
        if (AnyIdleConsumerBehind()) RedeliverIn(TimeSpan.Zero);
        return snapshot;
    }

    /// <summary>
    /// One delivery round over the outbox (to every consumer, or only to those the caller's answer waits for). The round
    /// after an answer skips a consumer whose delivery from an earlier round is still under way: one delivery per
    /// consumer at a time keeps its events in order, and a slow one (analytics' batches, the desk's rows written behind)
    /// is never waited for by a round it is not in. The answer's own round waits for such a delivery to a consumer it
    /// needs current (<see cref="DeliverBeforeAnswerAsync"/>). Each consumer's progress is taken in as soon as it confirms; confirmed events leave the outbox
    /// in memory at once and in storage with the next write (a decision, the receipts' flush, or the deactivation):
    /// until then a reactivation delivers them again, which consumers recognize by their number.
    /// </summary>
    private async Task DeliverOutboxAsync(bool beforeAnswerOnly = false)
    {
        if (S.Outbox.Count == 0) return;
        var outbox = S.Outbox;
        var complete = beforeAnswerOnly
            ? (await Task.WhenAll(fanOut.Consumers.Where(c => c.BeforeAnswer).Select(DeliverBeforeAnswerAsync))).All(done => done)
            : (await Task.WhenAll(fanOut.Consumers.Where(c => !_delivering.ContainsKey(c.Name)).Select(c => DeliverToAsync(c, outbox)))).All(done => done);
        if (beforeAnswerOnly && complete) return;
        if (complete)
        {
            _redeliveryDelay = FirstRedeliveryDelay;
            // Events stored while this round was out, for consumers that were in it.
            if (AnyIdleConsumerBehind()) RedeliverIn(TimeSpan.Zero);
            return;
        }
        RedeliverIn(_redeliveryDelay);
        _redeliveryDelay = TimeSpan.FromTicks(Math.Min(_redeliveryDelay.Ticks * 2, LongestRedeliveryDelay.Ticks));
    }

    /// <summary>
    /// A consumer the answer waits for (the desk, the agents' lists): when the round after an earlier answer is still
    /// delivering to it, that delivery ends first, then this one brings it up to the answer's events.
    /// </summary>
    private async Task<bool> DeliverBeforeAnswerAsync(IChatEventConsumer consumer)
    {
        while (_delivering.TryGetValue(consumer.Name, out var underWay)) await underWay;
        return await DeliverToAsync(consumer, S.Outbox);
    }

    private async Task<bool> DeliverToAsync(IChatEventConsumer consumer, IReadOnlyList<ChatEventEnvelope> outbox)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _delivering[consumer.Name] = ended.Task;
        try
        {
            var (upTo, complete) = await fanOut.DeliverToAsync(consumer, outbox, S.Delivered.GetValueOrDefault(consumer.Name));
            if (upTo > S.Delivered.GetValueOrDefault(consumer.Name))
            {
                var delivered = new Dictionary<string, long>(S.Delivered, StringComparer.Ordinal) { [consumer.Name] = upTo };
                state.State = S with { Outbox = fanOut.StillPending(S.Outbox, delivered), Delivered = delivered };
                _outboxChanged = true;
            }
            return complete;
        }
        finally
        {
            _delivering.Remove(consumer.Name);
            ended.TrySetResult();
        }
    }

    /// <summary>Some consumer with no delivery under way has not confirmed every event in the outbox (a busy one looks again when it is done).</summary>
    private bool AnyIdleConsumerBehind() =>
        S.Outbox.Count > 0 && fanOut.Consumers.Any(c => !_delivering.ContainsKey(c.Name) && S.Outbox[^1].Seq > S.Delivered.GetValueOrDefault(c.Name));

    /// <summary>
    /// Schedules a delivery round (unless one is already due sooner). The timer interleaves with the chat's calls: a
    /// round waiting on a slow consumer holds up no send. It keeps the activation alive: a session with undelivered
    /// events does not go idle and forget them (and if its silo dies, the next activation starts with a round).
    /// </summary>
    private void RedeliverIn(TimeSpan due)
    {
        var at = Environment.TickCount64 + (long)due.TotalMilliseconds;
        if (_redelivery is not null && _redeliveryAt <= at) return;
        _redelivery?.Dispose();
        _redeliveryAt = at;
        _redelivery = this.RegisterGrainTimer(async () =>
        {
            _redelivery?.Dispose();
            _redelivery = null;
            await DeliverOutboxAsync();
        }, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true, Interleave = true });
    }

    private async Task FlushReceiptsAsync()
    {
        _receiptFlush?.Dispose();
        _receiptFlush = null;
        try
        {
            state.State = S with { LastSeq = _lastSeq };
            await state.WriteStateAsync();
            _outboxChanged = false;
        }
        catch (Exception e) when (IsStorageFailure(e) || e is InconsistentStateException)
        {
            logger.LogWarning(e, "Receipts and delivery progress of session {Session} not stored", _sessionId);
        }
    }

    /// <summary>
    /// Events are notifications: a client that misses one resyncs from the log by sequence number. One-way and not
    /// awaited, so no acknowledgement waits on a node or on a grain elsewhere (docs/architecture.md, "Pushes").
    /// </summary>
    private void Push(SessionEvent e) => Watchers.Push(e);

    /// <summary>The session as it is now: the node's clients read the history after their last seq (docs/protocol.md, "Events").</summary>
    protected override void CatchUp(IPushObserver node)
    {
        if (S.Started) PushWatchers.PushTo(node, new SessionChanged { TenantId = _tenantId, SessionId = _sessionId, LastSeq = _lastSeq, Session = Snapshot() });
    }

    public Task RelayQueuePosition(QueuePositionChanged position)
    {
        Push(position);
        return Task.CompletedTask;
    }

    private ChatSessionSnapshot Snapshot() => S.ToSnapshot(_tenantId, _sessionId, _lastSeq);

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or TimeoutException or OperationCanceledException or HttpRequestException
        || e.InnerException is { } inner && IsStorageFailure(inner);
}
