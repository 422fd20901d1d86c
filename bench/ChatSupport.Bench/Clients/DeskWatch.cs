using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSupport.Bench.Measure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Bench.Clients;

/// <summary>
/// The dashboard: one agent connection that called GetDesk and so receives DeskChanged. It times each chat
/// from the visitor's StartChat call to the "added" delta, matched by visitor id (the delta may well
/// arrive before StartChat's own answer, when the session id is not known yet).
/// </summary>
public sealed class DeskWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _startedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _shownAt = new(StringComparer.Ordinal);
    private HubConnection? _dashboard;
    private long _deltas;
    private long _lastVersion;
    private long _versionGaps;

    public long Deltas => Interlocked.Read(ref _deltas);

    /// <summary>Deltas whose version was not the previous one + 1 (a dashboard would reload the snapshot).</summary>
    public long VersionGaps => Interlocked.Read(ref _versionGaps);

    public async Task ConnectAsync(Uri baseUrl, ChatAccess access, CancellationToken ct)
    {
        _dashboard = await BenchConnections.ConnectAsync(baseUrl, "hubs/agent", access.Operator(0), ct);
        _dashboard.On<DeskDelta>("DeskChanged", OnDelta);
        var snapshot = await _dashboard.InvokeAsync<System.Text.Json.JsonElement>("GetDesk", ct);
        Interlocked.Exchange(ref _lastVersion, snapshot.GetProperty("version").GetInt64());
    }

    public void OnStarting(string visitorId) => _startedAt[visitorId] = Stopwatch.GetTimestamp();

    /// <summary>Start → shown latencies of every chat seen so far, waiting (bounded) for the stragglers.</summary>
    public async Task<(LatencySummary Latency, int NotShown)> SummarizeAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (_startedAt.Keys.Any(v => !_shownAt.ContainsKey(v)) && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100, ct);
        var recorder = new LatencyRecorder("chat start → on the dashboard");
        var notShown = 0;
        foreach (var (visitorId, started) in _startedAt)
        {
            if (_shownAt.TryGetValue(visitorId, out var shown)) recorder.Record(Stopwatch.GetElapsedTime(started, shown));
            else notShown++;
        }
        return (recorder.Summarize(), notShown);
    }

    private void OnDelta(DeskDelta delta)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _deltas);
        if (Interlocked.Exchange(ref _lastVersion, delta.Version) + 1 != delta.Version) Interlocked.Increment(ref _versionGaps);
        if (delta.Kind == "added") _shownAt.TryAdd(delta.Session.VisitorId, now);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dashboard is not null) await _dashboard.DisposeAsync();
    }
}
