using System.Diagnostics;
using ChatSupport.Contracts.Analytics;

namespace ChatSupport.Bench.Analytics;

/// <summary>How feeding the history went: chats and events applied, and how fast the analytics grain took them.</summary>
public sealed record FeedOutcome(int Chats, long Events, double Seconds, int FailedChats)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>
/// Feeds the generated history into the tenant's analytics grain through its own entry point, <c>Apply</c>, exactly as
/// the session events' consumer (AnalyticsEventConsumer) does: so the buckets are built and stored by the real code in
/// the real Azurite. A session's events go one after the other, in order, and a failed one is delivered again (as the
/// session's outbox does: Apply is exactly-once under redelivery); many sessions are in flight at once, so the grain
/// always has the next event queued.
/// </summary>
public static class HistoryFeed
{
    public static async Task<FeedOutcome> RunAsync(IClusterClient grains, string tenantId, GeneratedHistory history, int chats,
        int parallelism, TimeSpan limit, CancellationToken ct)
    {
        var analytics = grains.GetGrain<IAnalyticsGrain>(tenantId);
        var clock = Stopwatch.StartNew();
        long events = 0;
        var done = 0;
        var failed = 0;
        // A bound on the wall time as well as the count, so a storage that slows to a crawl cannot keep the run going.
        using var overTime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        overTime.CancelAfter(limit);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, chats), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = overTime.Token },
                async (index, _) =>
                {
                    try
                    {
                        foreach (var e in history.Chat(index))
                        {
                            await ApplyWithRetriesAsync(analytics, e, overTime.Token);
                            Interlocked.Increment(ref events);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        if (Interlocked.Increment(ref failed) <= 3) BenchLog.Info($"  chat {index} not fully applied: {e.Message}");
                    }
                    var n = Interlocked.Increment(ref done);
                    if (n % 10_000 == 0)
                        BenchLog.Info($"  {n:N0} chats fed ({Interlocked.Read(ref events) / clock.Elapsed.TotalSeconds:0} events/s)");
                });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            BenchLog.Info($"  feeding stopped at its limit of {limit.TotalMinutes:0} minutes after {done:N0} chats");
        }
        return new FeedOutcome(done, Interlocked.Read(ref events), clock.Elapsed.TotalSeconds, failed);
    }

    private const int Attempts = 5;

    /// <summary>
    /// A storage timeout whose write did commit makes the SDK's retry meet a changed ETag (412): the grain then reloads the
    /// bucket and throws, and the event's next delivery finds it in the ledger. The outbox redelivers; so does the feed.
    /// </summary>
    private static async Task ApplyWithRetriesAsync(IAnalyticsGrain analytics, Contracts.Sessions.ChatEventEnvelope e, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await analytics.Apply(e);
                return;
            }
            catch (Exception) when (attempt < Attempts && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
        }
    }
}
