using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Measure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// <c>./chat bench routing [--chats 1000]</c>: auto-assignment under a burst of chat starts. Enough agents to take
/// every chat (capacity 50 each) sign in and stay online, least busy is switched on, and the chats start; each is
/// timed from the visitor's StartChat call to the dashboard's delta that shows it assigned (by the router, since
/// nobody clicks). The figure: chat start → auto-assigned, p50/p99 (docs/benchmarks.md, "Routing"); beside it the
/// StartChat round trip and how long the burst of starts took, which say whether the wait was the start or the routing.
/// </summary>
public sealed class RoutingBench(string repoRoot, string runFolder, int chats, int parallelism)
{
    private const int Capacity = 50;

    public async Task<LatencySummary> RunAsync(CancellationToken ct)
    {
        var tenant = BenchTenant.Create("routing", Math.Max(1, (chats + Capacity - 1) / Capacity));
        await using var azurite = await AzuriteServer.StartAsync(repoRoot, runFolder, inMemory: false);
        await using var host = await ChatHostServer.StartAsync(repoRoot, runFolder, azurite.ConnectionString, [tenant],
            [$"--ChatSupport:Queue:MaxWaitingPerTenant={chats + 100}"]);
        using var access = await ChatAccess.SignInAsync(host.BaseUrl, tenant, ct);

        // Every operator online (a connection each); the first one also watches the desk and sets the rule.
        var agents = new List<HubConnection>();
        for (var i = 0; i < access.Operators; i++) agents.Add(await BenchConnections.ConnectAsync(host.BaseUrl, "hubs/agent", access.Operator(i), ct));
        var startedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var assignedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        agents[0].On<JsonElement>("DeskChanged", delta =>
        {
            var session = delta.GetProperty("session");
            if (session.GetProperty("status").GetString() == "assigned_to_agent")
                assignedAt.TryAdd(session.GetProperty("visitorId").GetString()!, Stopwatch.GetTimestamp());
        });
        await agents[0].InvokeAsync<JsonElement>("GetDesk", ct);
        await agents[0].InvokeAsync<JsonElement>("SaveRouting", new
        {
            mode = "least_busy", defaultCapacity = Capacity, queueOrder = "arrival", reRouteAfterSeconds = (int?)null,
            targets = new { assignmentSeconds = 120, firstReplySeconds = 180, nextReplySeconds = 180, resolutionSeconds = (int?)null },
        }, ct);

        BenchLog.Info($"Starting {chats} chats ({parallelism} at a time) for {access.Operators} online agents, least busy");
        var visitors = new ConcurrentBag<HubConnection>();
        var startCalls = new LatencyRecorder("StartChat round trip");
        var burstStarted = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(Enumerable.Range(0, chats).Select(async _ =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var token = await access.NewVisitorAsync(ct);
                var visitor = await BenchConnections.ConnectAsync(host.BaseUrl, "hubs/visitor", ChatAccess.Visitor(token), ct);
                visitors.Add(visitor);
                var called = Stopwatch.GetTimestamp();
                startedAt[token.VisitorId] = called;
                await visitor.InvokeAsync<JsonElement>("StartChat", new { }, ct);
                startCalls.RecordSince(called);
            }
            finally
            {
                gate.Release();
            }
        }));
        var burst = Stopwatch.GetElapsedTime(burstStarted);

        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (startedAt.Keys.Any(v => !assignedAt.ContainsKey(v)) && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100, ct);
        var recorder = new LatencyRecorder("chat start → auto-assigned");
        foreach (var (visitorId, started) in startedAt)
            if (assignedAt.TryGetValue(visitorId, out var assigned)) recorder.Record(Stopwatch.GetElapsedTime(started, assigned));
        var summary = recorder.Summarize();
        var line = $"chat start → auto-assigned at {chats} chats: p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms, max {summary.MaxMs:0.0} ms " +
                   $"({assignedAt.Count} of {startedAt.Count} assigned; {access.Operators} agents, least busy, capacity {Capacity})";
        var starts = startCalls.Summarize();
        line += $"\nStartChat round trip: p50 {starts.P50Ms:0.0} ms, p99 {starts.P99Ms:0.0} ms, max {starts.MaxMs:0.0} ms; " +
                $"the burst of {chats} starts ({parallelism} at a time, each after its visitor's sign-in and connection) took {burst.TotalSeconds:0.0} s";
        BenchLog.Info(line);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "routing.md"), $"# Routing\n\n{line}\n", ct);

        foreach (var c in visitors) await c.DisposeAsync();
        foreach (var c in agents) await c.DisposeAsync();
        return summary;
    }
}
