using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSupport.Bench.Load;

namespace ChatSupport.Bench.Clients;

/// <summary>What the churn did: chats taken through their whole life, and why the others were not.</summary>
public sealed record ChurnOutcome(int Started, int Completed, IReadOnlyDictionary<string, int> FailureKinds);

/// <summary>
/// Chats that live their whole life while a load phase runs: started, assigned, greeted, resolved and rated, a fixed
/// number per second (open loop). The steady phase's own chats only exchange messages, which are no session events;
/// these make the session events (and so every consumer of them, analytics included) flow while messages are timed.
/// </summary>
public static class ChatChurn
{
    /// <returns>Null when no churn was asked for (<paramref name="perSecond"/> 0).</returns>
    public static async Task<ChurnOutcome?> RunAsync(Uri baseUrl, ChatAccess access, int firstIndex, double perSecond, TimeSpan duration, CancellationToken ct)
    {
        if (perSecond <= 0) return null;
        var count = (int)(perSecond * duration.TotalSeconds);
        var failures = new ConcurrentDictionary<string, int>();
        var completed = 0;
        await using var notWatched = new DeskWatch();
        var meters = new ChatOpeningMeters(notWatched, new AckLedger());
        var start = Stopwatch.GetTimestamp();
        var lives = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            var index = firstIndex + i;
            lives.Add(Task.Run(async () =>
            {
                try
                {
                    await using var pair = await ChatPair.OpenAsync(baseUrl, access, index, meters, ct);
                    await pair.ResolveAndRateAsync(stars: 1 + index % 5, ct);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    failures.AddOrUpdate(FailureKind.Of(e), 1, (_, n) => n + 1);
                }
            }, ct));
        }
        await Task.WhenAll(lives);
        return new ChurnOutcome(count, completed, failures.ToDictionary());
    }
}
