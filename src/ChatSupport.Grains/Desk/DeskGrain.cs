using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ChatSupport.Contracts.Pushes;
using ChatSupport.Grains.Pushes;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// One tenant's live desk: the open sessions the dashboard lists, and the waiting queue. It is a consumer of the
/// sessions' events (<see cref="DeskEventConsumer"/>): each event carries the session as it is, so the desk never
/// asks a session for its state. It pushes deltas to the Api nodes watching the desk (<see cref="PushWatchers"/>) and
/// tells waiting visitors (through their session, which pushes to its own watchers) their place in line
/// (<see cref="QueuePositionNotices"/>). Off the chats' critical path: an event changes memory and pushes its delta; its row is written behind (<see cref="DeskRowWriteBehind"/>, confirmed to
/// the session through <see cref="DeskRowEventConsumer"/>) and the places are pushed after the call, both coalesced
/// in interleaved timers, so a burst of starts and assignments costs one row write and one round of pushes per flush.
/// </summary>
public sealed class DeskGrain(DeskIndexStore store, IOptions<ChatQueueOptions> queueOptions, TimeProvider clock, ILogger<DeskGrain> logger)
    : PushSourceGrain, IDeskGrain
{
    /// <summary>How long a place held for a starting chat waits for that chat's start to arrive.</summary>
    private static readonly TimeSpan HeldPlaceLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the desk asks its listed sessions to deliver what they have not delivered: the repair for a
    /// session whose silo died between storing a decision and telling the desk (nobody else would wake it).
    /// A ghost row is gone at the latest this long (plus one activation) after the desk lives again.
    /// </summary>
    public static readonly TimeSpan RepairPeriod = TimeSpan.FromSeconds(30);

    /// <summary>Sessions that left the desk recently, with their last event: a late copy of an older event must not bring them back.</summary>
    private const int RemovedKept = 10_000;

    private readonly Dictionary<string, SessionSummary> _open = new(StringComparer.Ordinal);
    private readonly WaitEstimate _waitEstimate = new();
    private readonly Dictionary<string, long> _appliedSeq = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _removedSeq = new(StringComparer.Ordinal);
    private readonly Queue<string> _removedOrder = new();
    private readonly WaitingQueue _queue = new();
    private readonly QueuePositionNotices _notices = new();
    private readonly DeskRowWriteBehind _rows = new();
    private IGrainTimer _rowFlush = null!;
    private IGrainTimer _positionPush = null!;
    private bool _pushingPositions;
    private bool _positionsChangedAgain;
    /// <summary>A failed flush waits out its retry delay: new changes join that retry instead of hammering the storage.</summary>
    private bool _rowRetryWaits;
    private TimeSpan _rowRetryDelay = FirstRowRetryDelay;
    private static readonly TimeSpan FirstRowRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRowRetryDelay = TimeSpan.FromSeconds(10);
    /// <summary>Places in the queue held for chats being started, until their start arrives (or the hold runs out).</summary>
    private readonly Dictionary<string, DateTimeOffset> _heldPlaces = new(StringComparer.Ordinal);
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private string _tenantId = "";
    private long _version;
    /// <summary>The newest delta pushed: a node that missed some is sent it, and its dashboards see the gap (or the new epoch) and reload.</summary>
    private DeskDelta? _lastDelta;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _tenantId = this.GetPrimaryKeyString();
        foreach (var (summary, eventSeq) in await store.LoadAsync(_tenantId, ct))
        {
            _open[summary.SessionId] = summary;
            _appliedSeq[summary.SessionId] = eventSeq;
            _queue.Set(summary, summary.Status == ChatStatus.WaitingForAgent);
        }
        _notices.Seed(WaitingIds(), EstimateFor);
        // Both interleave with calls: a flush waiting on storage holds up no event.
        _rowFlush = this.RegisterGrainTimer(FlushRowsAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        _positionPush = this.RegisterGrainTimer(PushPositionsAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        // The first repair right away: this activation may follow a silo's death that left undelivered events.
        this.RegisterGrainTimer(AskSessionsToRedeliverAsync, new GrainTimerCreationOptions(TimeSpan.Zero, RepairPeriod));
    }

    public Task Apply(ChatEventEnvelope e)
    {
        ApplyNow(e);
        return Task.CompletedTask;
    }

    private void ApplyNow(ChatEventEnvelope e)
    {
        var sessionId = e.SessionId;
        if (e.Seq <= Math.Max(_appliedSeq.GetValueOrDefault(sessionId), _removedSeq.GetValueOrDefault(sessionId))) return;
        _heldPlaces.Remove(sessionId);
        if (e.Event is AgentAssigned assigned) _waitEstimate.Assigned(assigned.OccurredAt, assigned.OccurredAt - e.Session.CreatedAt);
        var summary = SessionSummary.From(e.Session).WithMessagesOf(_open.GetValueOrDefault(sessionId));
        var isOpen = summary.Status.IsOpen();
        var listed = _open.ContainsKey(sessionId);
        if (!isOpen && !listed)
        {
            RememberRemoved(sessionId, e.Seq);
            return;
        }

        // Written behind: the session keeps the event until the row holds it (DeskRowEventConsumer).
        _rows.Note(new DeskRowChange(sessionId, isOpen ? summary : null, e.Seq));
        if (!_rows.Flushing && !_rowRetryWaits) _rowFlush.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        if (isOpen)
        {
            _open[sessionId] = summary;
            _appliedSeq[sessionId] = e.Seq;
        }
        else
        {
            _open.Remove(sessionId);
            _appliedSeq.Remove(sessionId);
            RememberRemoved(sessionId, e.Seq);
        }
        _queue.Set(summary, summary.Status == ChatStatus.WaitingForAgent);

        PositionsChanged();
        var kind = !isOpen ? DeskDeltaKind.Removed : listed ? DeskDeltaKind.Changed : DeskDeltaKind.Added;
        PushDelta(kind, summary with { QueuePosition = QueuePositionOf(sessionId) });
    }

    public Task NoteMessage(string sessionId, MessagePreview message)
    {
        NoteMessageNow(sessionId, message);
        return Task.CompletedTask;
    }

    private void NoteMessageNow(string sessionId, MessagePreview message)
    {
        // Only a listed chat: a message of a chat the desk no longer lists (resolved) changes no row.
        if (!_open.TryGetValue(sessionId, out var known)) return;
        var next = known.After(message);
        if (next == known) return;
        _open[sessionId] = next;
        PushDelta(DeskDeltaKind.Changed, next with { QueuePosition = QueuePositionOf(sessionId) });
    }

    public Task WhenStored(string sessionId, long eventSeq) => _rows.WhenStored(sessionId, eventSeq);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        // What is not stored yet is not lost if this fails: the sessions deliver it again (DeskRowEventConsumer).
        try
        {
            while (_rows.HasPending && !_rows.Flushing && !ct.IsCancellationRequested) await _rows.FlushAsync(rows => store.WriteAsync(_tenantId, rows));
        }
        catch (Exception e)
        {
            logger.LogWarning("Desk rows of tenant {Tenant} not stored on deactivation: {Reason}; the sessions deliver them again", _tenantId, e.Message);
        }
        await base.OnDeactivateAsync(reason, ct);
    }

    public Task<DeskSnapshot> GetSnapshot() => Task.FromResult(PageAfter(null));

    public Task<DeskSnapshot> GetPage(DeskPlace after) => Task.FromResult(PageAfter(after));

    public Task<bool> TryHoldWaitingPlace(string sessionId)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, until) in _heldPlaces.ToList())
            if (until <= now) _heldPlaces.Remove(id);
        if (_heldPlaces.ContainsKey(sessionId)) return Task.FromResult(true);
        if (_queue.Count + _heldPlaces.Count >= queueOptions.Value.MaxWaitingPerTenant) return Task.FromResult(false);
        _heldPlaces[sessionId] = now + HeldPlaceLifetime;
        return Task.FromResult(true);
    }

    /// <summary>One page in <see cref="DeskPlace"/> order (waiting chats first, longest wait on top; then the rest, newest first).</summary>
    private DeskSnapshot PageAfter(DeskPlace? after)
    {
        var ordered = _open.Values.Select(s => (Place: DeskPlace.Of(s), Summary: s)).OrderBy(r => r.Place);
        var rows = (after is { } cursor ? ordered.Where(r => r.Place.CompareTo(cursor) > 0) : ordered).Take(DeskPlace.PageSize + 1).ToList();
        var page = rows.Take(DeskPlace.PageSize).Select(r => r.Summary with { QueuePosition = QueuePositionOf(r.Summary.SessionId) }).ToList();
        return new DeskSnapshot
        {
            Epoch = _epoch,
            Version = _version,
            Sessions = page,
            NextCursor = rows.Count > DeskPlace.PageSize ? rows[DeskPlace.PageSize - 1].Place.ToCursor() : null,
            Counts = Counts,
        };
    }

    private DeskCounts Counts => new(_queue.Count, _open.Count);

    public Task<int?> GetQueuePosition(string sessionId) => Task.FromResult(QueuePositionOf(sessionId));

    public Task<IReadOnlyList<SessionSummary>> GetWaiting(int max) =>
        Task.FromResult<IReadOnlyList<SessionSummary>>(_queue.InOrder().Take(Math.Clamp(max, 0, DeskPlace.PageSize * 10)).ToList());

    private int? QueuePositionOf(string sessionId) => _queue.PositionOf(sessionId);

    private List<string> WaitingIds() => _queue.InOrder().Select(s => s.SessionId).ToList();

    private int? EstimateFor(int position) => _waitEstimate.SecondsFor(position, clock.GetUtcNow());

    /// <summary>Keeps the removed session's last event number for a while, so its late events are recognized as old.</summary>
    private void RememberRemoved(string sessionId, long eventSeq)
    {
        if (!_removedSeq.ContainsKey(sessionId)) _removedOrder.Enqueue(sessionId);
        _removedSeq[sessionId] = Math.Max(eventSeq, _removedSeq.GetValueOrDefault(sessionId));
        while (_removedOrder.Count > RemovedKept) _removedSeq.Remove(_removedOrder.Dequeue());
    }

    /// <summary>
    /// One-way calls: the sessions deliver on their own time, and the desk never waits on a session (which may be
    /// waiting on the desk).
    /// </summary>
    private Task AskSessionsToRedeliverAsync()
    {
        foreach (var sessionId in _open.Keys)
            GrainFactory.GetGrain<IChatSessionGrain>(GrainKeys.Compose(_tenantId, sessionId)).Redeliver();
        return Task.CompletedTask;
    }

    private void PushDelta(DeskDeltaKind kind, SessionSummary summary)
    {
        _version++;
        // A delta is a notification: a dashboard that misses one sees the version jump and reloads the snapshot.
        _lastDelta = new DeskDelta { TenantId = _tenantId, Epoch = _epoch, Version = _version, Kind = kind, Session = summary, Counts = Counts };
        Watchers.Push(_lastDelta);
    }

    protected override void CatchUp(IPushObserver node)
    {
        if (_lastDelta is not null) PushWatchers.PushTo(node, _lastDelta);
    }

    /// <summary>Every change noted since the last flush, in one go; what accumulates meanwhile goes with the next one.</summary>
    private async Task FlushRowsAsync()
    {
        _rowRetryWaits = false;
        try
        {
            while (_rows.HasPending && !_rows.Flushing) await _rows.FlushAsync(rows => store.WriteAsync(_tenantId, rows));
            _rowRetryDelay = FirstRowRetryDelay;
        }
        catch (Exception e)
        {
            // Kept for the next flush; the sessions waiting on these rows are told, and deliver again later.
            logger.LogWarning("Desk rows of tenant {Tenant} not stored: {Reason}; trying again in {Delay}", _tenantId, e.Message, _rowRetryDelay);
            _rowRetryWaits = true;
            _rowFlush.Change(_rowRetryDelay, Timeout.InfiniteTimeSpan);
            _rowRetryDelay = TimeSpan.FromTicks(Math.Min(_rowRetryDelay.Ticks * 2, LongestRowRetryDelay.Ticks));
        }
    }

    /// <summary>The places are pushed after this call: changes that come while a round is out make one more round.</summary>
    private void PositionsChanged()
    {
        if (_pushingPositions) _positionsChangedAgain = true;
        else _positionPush.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Tells the visitors whose notice changed (<see cref="QueuePositionNotices"/>), all at once: each through its own
    /// session (one-way calls, sent in order), and one round finishes before the next begins, so a visitor's notices arrive in order.
    /// </summary>
    private async Task PushPositionsAsync()
    {
        if (_pushingPositions) return;
        _pushingPositions = true;
        try
        {
            do
            {
                _positionsChangedAgain = false;
                await Task.WhenAll(_notices.Changes(WaitingIds(), EstimateFor).Select(c => PushAsync(c.SessionId, c.Notice)));
            } while (_positionsChangedAgain);
        }
        finally
        {
            _pushingPositions = false;
        }
    }

    /// <summary>One-way, through the session: its watchers are the nodes of the visitor's connections.</summary>
    private Task PushAsync(string sessionId, QueueNotice notice) =>
        GrainFactory.GetGrain<IChatSessionGrain>(GrainKeys.Compose(_tenantId, sessionId)).RelayQueuePosition(new QueuePositionChanged
        {
            TenantId = _tenantId, SessionId = sessionId, LastSeq = null, Position = notice.Position,
            AheadAtLeast = notice.AheadAtLeast, EstimatedWaitSeconds = notice.EstimatedWaitSeconds,
        });
}
