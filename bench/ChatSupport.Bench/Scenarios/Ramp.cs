using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatSupport.Bench.Scenarios;

/// <summary>What opening many pairs achieved: the pairs that opened, how long it took, and why the others did not.</summary>
public sealed record RampOutcome<T>(IReadOnlyList<T> Opened, int Failed, double Seconds, IReadOnlyDictionary<string, int> FailureKinds)
{
    public double PerSecond => Opened.Count / Seconds;
}

/// <summary>Opens pairs (chats or relay pairs) a bounded number at a time, so thousands of connections ramp up in parallel batches.</summary>
public static class Ramp
{
    public static async Task<RampOutcome<T>> OpenAsync<T>(int count, int parallelism, Func<int, CancellationToken, Task<T>> open,
        Action<int>? progress, CancellationToken ct)
    {
        var opened = new ConcurrentBag<T>();
        var failures = new ConcurrentDictionary<string, int>();
        var start = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (index, token) =>
            {
                try
                {
                    opened.Add(await open(index, token));
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    failures.AddOrUpdate(Load.FailureKind.Of(e), 1, (_, n) => n + 1);
                }
                var n = Interlocked.Increment(ref done);
                if (n % 500 == 0) progress?.Invoke(n);
            });
        return new RampOutcome<T>([.. opened], count - opened.Count, Stopwatch.GetElapsedTime(start).TotalSeconds, failures.ToDictionary());
    }
}
