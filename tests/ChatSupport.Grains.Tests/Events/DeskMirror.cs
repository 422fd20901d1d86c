using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using Orleans.Runtime;
using Orleans.Streams;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>
/// What an open dashboard holds, kept by the dashboard's rules (src/ChatSupport.Web/src/dashboard/deskStore.ts):
/// the snapshot, then deltas in version order; a delta of another epoch, or a version gap, reloads the snapshot.
/// </summary>
public sealed class DeskMirror : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly string _tenant;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SessionSummary> _open = new(StringComparer.Ordinal);
    private StreamSubscriptionHandle<DeskDelta>? _subscription;
    private string _epoch = "";
    private long _version = -1;

    public int Reloads { get; private set; }

    private DeskMirror(IClusterClient client, string tenant) => (_client, _tenant) = (client, tenant);

    public static async Task<DeskMirror> OpenAsync(IClusterClient client, string tenant)
    {
        var mirror = new DeskMirror(client, tenant);
        mirror._subscription = await client.GetStreamProvider(ChatStreams.Provider)
            .GetStream<DeskDelta>(StreamId.Create(ChatStreams.DeskNamespace, tenant))
            .SubscribeAsync((d, _) => mirror.ApplyAsync(d));
        await mirror.ReloadAsync();
        return mirror;
    }

    public async Task<IReadOnlySet<string>> OpenSessionIdsAsync()
    {
        await _gate.WaitAsync();
        try { return _open.Keys.ToHashSet(); }
        finally { _gate.Release(); }
    }

    private async Task ApplyAsync(DeskDelta d)
    {
        await _gate.WaitAsync();
        try
        {
            if (d.Epoch == _epoch && d.Version <= _version) return; // seen already
            if (d.Epoch != _epoch || d.Version != _version + 1)
            {
                await LoadLockedAsync();
                return;
            }
            _version = d.Version;
            if (d.Kind == DeskDeltaKind.Removed) _open.Remove(d.Session.SessionId);
            else _open[d.Session.SessionId] = d.Session;
        }
        finally { _gate.Release(); }
    }

    private async Task ReloadAsync()
    {
        await _gate.WaitAsync();
        try { await LoadLockedAsync(); }
        finally { _gate.Release(); }
    }

    private async Task LoadLockedAsync()
    {
        var snapshot = await _client.GetGrain<IDeskGrain>(_tenant).GetSnapshot();
        _open.Clear();
        foreach (var s in snapshot.Sessions) _open[s.SessionId] = s;
        (_epoch, _version) = (snapshot.Epoch, snapshot.Version);
        Reloads++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null) await _subscription.UnsubscribeAsync();
    }
}
