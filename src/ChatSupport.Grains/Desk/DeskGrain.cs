using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// One tenant's live desk: the open sessions the dashboard lists, and the waiting queue. Sessions report
/// every change here; the desk publishes deltas on the tenant's desk stream and tells each waiting
/// visitor (on their session's stream) when their place in line changes.
/// </summary>
public sealed class DeskGrain(DeskIndexStore store, ILogger<DeskGrain> logger) : Grain, IDeskGrain
{
    private readonly Dictionary<string, SessionSummary> _open = new(StringComparer.Ordinal);
    private readonly WaitingQueue _queue = new();
    private readonly Dictionary<string, int> _publishedPositions = new(StringComparer.Ordinal);
    private string _tenantId = "";
    private long _version;
    private IAsyncStream<DeskDelta> _deskStream = null!;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _tenantId = this.GetPrimaryKeyString();
        _deskStream = StreamProvider.GetStream<DeskDelta>(StreamId.Create(ChatStreams.DeskNamespace, _tenantId));
        foreach (var summary in await store.LoadAsync(_tenantId, ct))
        {
            _open[summary.SessionId] = summary;
            _queue.Set(summary, summary.Status == ChatStatus.WaitingForAgent);
        }
        foreach (var (sessionId, position) in _queue.Positions()) _publishedPositions[sessionId] = position;
    }

    public async Task<int?> Upsert(SessionSummary summary)
    {
        var isOpen = summary.Status.IsOpen();
        var kind = !isOpen ? DeskDeltaKind.Removed : _open.ContainsKey(summary.SessionId) ? DeskDeltaKind.Changed : DeskDeltaKind.Added;
        if (!isOpen && !_open.ContainsKey(summary.SessionId)) return null;

        try
        {
            if (isOpen) await store.SaveAsync(_tenantId, summary);
            else await store.RemoveAsync(_tenantId, summary.SessionId);
        }
        catch (Exception e)
        {
            // The live list still changes; the next change of this session rewrites its row.
            logger.LogWarning(e, "Desk index row of session {Session} not stored", summary.SessionId);
        }

        if (isOpen) _open[summary.SessionId] = summary;
        else _open.Remove(summary.SessionId);
        _queue.Set(summary, summary.Status == ChatStatus.WaitingForAgent);

        await PublishQueuePositionsAsync();
        await PublishDeskAsync(kind, summary with { QueuePosition = QueuePositionOf(summary.SessionId) });
        return QueuePositionOf(summary.SessionId);
    }

    public Task<DeskSnapshot> GetSnapshot()
    {
        // Waiting chats first, longest wait on top; then the rest, newest first.
        var waiting = _queue.InOrder().Select(s => _open[s.SessionId] with { QueuePosition = QueuePositionOf(s.SessionId) });
        var others = _open.Values.Where(s => s.Status != ChatStatus.WaitingForAgent).OrderByDescending(s => s.CreatedAt);
        return Task.FromResult(new DeskSnapshot { Version = _version, Sessions = waiting.Concat(others).ToList() });
    }

    public Task<int?> GetQueuePosition(string sessionId) => Task.FromResult(QueuePositionOf(sessionId));

    private int? QueuePositionOf(string sessionId) => _publishedPositions.TryGetValue(sessionId, out var p) ? p : null;

    private async Task PublishDeskAsync(DeskDeltaKind kind, SessionSummary summary)
    {
        _version++;
        try
        {
            await _deskStream.OnNextAsync(new DeskDelta { TenantId = _tenantId, Version = _version, Kind = kind, Session = summary });
        }
        catch (Exception e)
        {
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
                    .OnNextAsync(new QueuePositionChanged { TenantId = _tenantId, SessionId = sessionId, LastSeq = null, Position = position });
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Queue position of session {Session} not published", sessionId);
            }
        }
    }

    private IStreamProvider StreamProvider => this.GetStreamProvider(ChatStreams.Provider);
}
