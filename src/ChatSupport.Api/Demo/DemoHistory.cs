using System.Diagnostics;
using ChatSupport.Contracts.Demo;
using ChatSupport.Contracts.Sessions;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Demo;

/// <summary>
/// Fills the demo tenant with its past once per data folder: the marker (<see cref="IDemoHistoryGrain"/>) holds the plan
/// and how far it got. A finished history is never made again; one cut short by a stop is finished on the next start
/// (the same plan, its chats played again from the first one not known to be complete).
/// </summary>
public sealed class DemoHistory(IGrainFactory grains, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoHistory> logger)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    /// <summary>Returns how many chats the history holds (made now or before); 0 when the tenant has no agents.</summary>
    public async Task<DemoHistoryProgress?> EnsureAsync(CancellationToken ct)
    {
        var o = options.Value;
        var marker = grains.GetGrain<IDemoHistoryGrain>(o.Tenant);
        var progress = await marker.GetProgress();
        if (progress is { Completed: true })
        {
            logger.LogInformation("Demo history of tenant {Tenant} is already there ({Chats} chats over {Days} days, made in {Seconds:F0} s): nothing added",
                o.Tenant, progress.Chats, progress.Days, progress.Seconds);
            return progress;
        }
        var agents = await DemoTeam.AgentsAsync(grains, o.Tenant);
        if (agents.Count == 0)
        {
            logger.LogWarning("Demo history: tenant {Tenant} has no agents to answer its chats; nothing generated", o.Tenant);
            return null;
        }
        // The plan is stored before its first chat, so a restart makes the same chats.
        progress ??= new DemoHistoryProgress
        {
            Seed = o.Seed, Chats = Math.Max(0, o.Chats), Days = Math.Clamp(o.Days, 1, 365), EndsAt = clock.GetUtcNow(), TimeZone = ZoneOf(o),
        };
        await marker.SaveProgress(progress);
        var chats = DemoPlan.Make(progress, agents);
        logger.LogInformation("Demo history: {Chats} chats over the last {Days} days for tenant {Tenant} ({Agents} agents; office hours in {Zone}){Resume}",
            chats.Count, progress.Days, o.Tenant, agents.Count, progress.TimeZone, progress.Done > 0 ? $", going on from chat {progress.Done}" : "");

        var watch = Stopwatch.StartNew();
        var tracker = new DemoProgressTracker(chats.Count, progress.Done);
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = ReportAsync(marker, progress, tracker, watch, reporting.Token);
        var runner = new DemoChatRunner(grains, o.Tenant);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(progress.Done, chats.Count - progress.Done),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallel), CancellationToken = ct },
                async (i, token) =>
                {
                    try
                    {
                        await runner.RunAsync(chats[i], token);
                        tracker.Completed(i);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One chat that could not be finished does not stop the others; the next start plays it again.
                        tracker.Failed();
                        logger.LogWarning(e, "Demo chat {Index} not finished", i);
                    }
                });
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }
        if (tracker.Snapshot().Watermark < chats.Count)
        {
            logger.LogWarning("Demo history: {Failed} chats not finished; the next start plays them again", tracker.FailedCount);
            return progress;
        }
        var done = progress with { Done = chats.Count, Completed = true, Seconds = progress.Seconds + watch.Elapsed.TotalSeconds };
        await marker.SaveProgress(done);
        logger.LogInformation("Demo history ready: {Chats} chats in {Seconds:F0} s ({PerSecond:F0} chats/s)",
            chats.Count, watch.Elapsed.TotalSeconds, (chats.Count - progress.Done) / Math.Max(0.001, watch.Elapsed.TotalSeconds));
        return done;
    }

    /// <summary>Prints how far it got and stores the marker every few seconds (also when stopped, so the next start goes on from there).</summary>
    private async Task ReportAsync(IDemoHistoryGrain marker, DemoHistoryProgress plan, DemoProgressTracker tracker, Stopwatch watch, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReportEvery, ct);
            }
            catch (OperationCanceledException)
            {
                // Stopped or finished: one last save below.
            }
            var (completed, watermark) = tracker.Snapshot();
            await marker.SaveProgress(plan with { Done = watermark, Seconds = plan.Seconds + watch.Elapsed.TotalSeconds });
            if (!ct.IsCancellationRequested)
                logger.LogInformation("Demo history: {Completed} of {Chats} chats ({Seconds:F0} s)", completed, tracker.Total, watch.Elapsed.TotalSeconds);
        }
    }

    private static string ZoneOf(DemoOptions o) =>
        string.IsNullOrWhiteSpace(o.TimeZone) ? (TimeZoneInfo.Local.Id is { Length: > 0 } local && local != "Local" ? local : "UTC") : o.TimeZone.Trim();
}

/// <summary>Which chats are complete: the count, and the first index not complete (all before it are).</summary>
public sealed class DemoProgressTracker(int total, int alreadyDone)
{
    private readonly object _gate = new();
    private readonly HashSet<int> _ahead = [];
    private int _watermark = alreadyDone;
    private int _completed = alreadyDone;

    private int _failed;

    public int Total => total;

    public int FailedCount => Volatile.Read(ref _failed);

    public void Failed() => Interlocked.Increment(ref _failed);

    public void Completed(int index)
    {
        lock (_gate)
        {
            _completed++;
            _ahead.Add(index);
            while (_ahead.Remove(_watermark)) _watermark++;
        }
    }

    public (int Completed, int Watermark) Snapshot()
    {
        lock (_gate) return (_completed, _watermark);
    }
}
