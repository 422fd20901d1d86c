using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// One tenant's live desk: the open sessions the dashboard lists, and the waiting queue. It is a consumer of the
/// sessions' events (<see cref="DeskEventConsumer"/>): each event carries the session as it is, so the desk never
/// asks a session for its state. It publishes deltas on the tenant's desk stream and tells each waiting visitor
/// (on their session's stream) when their place in line changes.
/// </summary>
public sealed class DeskGrain(DeskIndexStore store, IOptions<ChatQueueOptions> queueOptions, TimeProvider clock, ILogger<DeskGrain> logger)
    : Grain, IDeskGrain
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
    private readonly Dictionary<string, int> _publishedPositions = new(StringComparer.Ordinal);
    /// <summary>Places in the queue held for chats being started, until their start arrives (or the hold runs out).</summary>
    private readonly Dictionary<string, DateTimeOffset> _heldPlaces = new(StringComparer.Ordinal);
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private string _tenantId = "";
    private long _version;
    private IAsyncStream<DeskDelta> _deskStream = null!;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _tenantId = this.GetPrimaryKeyString();
        _deskStream = StreamProvider.GetStream<DeskDelta>(StreamId.Create(ChatStreams.DeskNamespace, _tenantId));
        foreach (var (summary, eventSeq) in await store.LoadAsync(_tenantId, ct))
        {
            _open[summary.SessionId] = summary;
            _appliedSeq[summary.SessionId] = eventSeq;
            _queue.Set(summary, summary.Status == ChatStatus.WaitingForAgent);
        }
        foreach (var (sessionId, position) in _queue.Positions()) _publishedPositions[sessionId] = position;
        // The first repair right away: this activation may follow a silo's death that left undelivered events.
        this.RegisterGrainTimer(AskSessionsToRedeliverAsync, new GrainTimerCreationOptions(TimeSpan.Zero, RepairPeriod));
    }

    public async Task Apply(ChatEventEnvelope e)
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

        // Stored first: if this throws, nothing changed here and the session delivers the event again.
        if (isOpen) await store.SaveAsync(_tenantId, summary, e.Seq);
        else await store.RemoveAsync(_tenantId, sessionId);

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

        await PublishQueuePositionsAsync();
        var kind = !isOpen ? DeskDeltaKind.Removed : listed ? DeskDeltaKind.Changed : DeskDeltaKind.Added;
        await PublishDeskAsync(kind, summary with { QueuePosition = QueuePositionOf(sessionId) });
    }

    public async Task NoteMessage(string sessionId, MessagePreview message)
    {
        // Only a listed chat: a message of a chat the desk no longer lists (resolved) changes no row.
        if (!_open.TryGetValue(sessionId, out var known)) return;
        var next = known.After(message);
        if (next == known) return;
        _open[sessionId] = next;
        await PublishDeskAsync(DeskDeltaKind.Changed, next with { QueuePosition = QueuePositionOf(sessionId) });
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

    private int? QueuePositionOf(string sessionId) => _publishedPositions.TryGetValue(sessionId, out var p) ? p : null;

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

    private async Task PublishDeskAsync(DeskDeltaKind kind, SessionSummary summary)
    {
        _version++;
        try
        {
            await _deskStream.OnNextAsync(new DeskDelta { TenantId = _tenantId, Epoch = _epoch, Version = _version, Kind = kind, Session = summary, Counts = Counts });
        }
        catch (Exception e)
        {
            // A delta is a notification: a dashboard that misses one sees the version jump and reloads the snapshot.
            logger.LogWarning(e, "Desk delta {Version} of tenant {Tenant} not published", _version, _tenantId);
        }
    }

    /// <summary>Tells each waiting visitor whose place changed (and each who left the queue).</summary>
    private async Task PublishQueuePositionsAsync()
    {
        var current = _queue.Positions().ToDictionary(p => p.SessionId, p => p.Position, StringComparer.Ordinal);
        var changes = new List<(string SessionId, int? Position)>();
        foreach (var (sessionId, position) in current)
        {
            if (!_publishedPositions.TryGetValue(sessionId, out var old) || old != position) changes.Add((sessionId, position));
        }
        foreach (var sessionId in _publishedPositions.Keys)
        {
            if (!current.ContainsKey(sessionId)) changes.Add((sessionId, null));
        }
        _publishedPositions.Clear();
        foreach (var (sessionId, position) in current) _publishedPositions[sessionId] = position;

        foreach (var (sessionId, position) in changes)
        {
            var key = GrainKeys.Compose(_tenantId, sessionId);
            try
            {
                await StreamProvider.GetStream<SessionEvent>(StreamId.Create(ChatStreams.SessionNamespace, key))
                    .OnNextAsync(new QueuePositionChanged
                    {
                        TenantId = _tenantId, SessionId = sessionId, LastSeq = null, Position = position,
                        EstimatedWaitSeconds = position is { } p ? _waitEstimate.SecondsFor(p, clock.GetUtcNow()) : null,
                    });
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Queue position of session {Session} not published", sessionId);
            }
        }
    }

    private IStreamProvider StreamProvider => this.GetStreamProvider(ChatStreams.Provider);
}
