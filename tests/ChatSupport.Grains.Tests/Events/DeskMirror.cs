using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Grains.Tests.Events;

/// <summary>
/// What an open dashboard holds, kept by the dashboard's rules (src/ChatSupport.Web/src/dashboard/deskStore.ts):
/// the snapshot, then deltas in version order; a delta of another epoch, or a version gap, reloads the snapshot. It
/// watches the desk as an Api node does (src/ChatSupport.Api/Pushes/PushWatches.cs), renewing every second.
/// </summary>
public sealed class DeskMirror : IAsyncDisposable, IPushObserver
{
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(1);

    private readonly IClusterClient _client;
    private readonly string _tenant;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SessionSummary> _open = new(StringComparer.Ordinal);
    private IPushObserver _reference = null!;
    private readonly CancellationTokenSource _closed = new();
    private Task _renewal = Task.CompletedTask;
    private string _epoch = "";
    private long _version = -1;

    public int Reloads { get; private set; }

    private DeskMirror(IClusterClient client, string tenant) => (_client, _tenant) = (client, tenant);

    public static async Task<DeskMirror> OpenAsync(IClusterClient client, string tenant)
    {
        var mirror = new DeskMirror(client, tenant);
        mirror._reference = client.CreateObjectReference<IPushObserver>(mirror);
        var activation = await client.GetGrain<IDeskGrain>(tenant).Watch(mirror._reference, knownActivation: null);
        await mirror.ReloadAsync();
        mirror._renewal = mirror.RenewAsync(activation);
        return mirror;
    }

    public Task Pushed(object item) => item is DeskDelta d ? ApplyAsync(d) : Task.CompletedTask;

    private async Task RenewAsync(string activation)
    {
        using var timer = new PeriodicTimer(RenewPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                try { activation = await _client.GetGrain<IDeskGrain>(_tenant).Watch(_reference, activation); }
                catch (Exception e) when (e is not OperationCanceledException) { } // the desk's silo is dying: the next tick
            }
        }
        catch (OperationCanceledException) { }
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
        await _closed.CancelAsync();
        await _renewal;
        _client.DeleteObjectReference<IPushObserver>(_reference);
    }
}
