using ChatSupport.Contracts.Analytics;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// Durations in whole seconds, as "seconds → how many". Merging histograms is adding counts, so a report over any
/// range of buckets gives the exact mean, median and p90 of the values it holds, not an approximation.
/// A hash map, not a sorted one: a 30-day report merges ~2,000 histograms into a few, and a sorted map's inserts made
/// the team report take a second (docs/benchmarks.md); order is needed only by <see cref="Stats"/>, which sorts once.
/// </summary>
public sealed class Histogram
{
    public Dictionary<long, long> Counts { get; init; } = [];

    public void Add(long seconds, long count = 1)
    {
        if (count == 0) return;
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Counts, seconds, out _);
        slot += count;
    }

    public void AddAll(Histogram other)
    {
        foreach (var (seconds, count) in other.Counts) Add(seconds, count);
    }

    /// <summary>Whole seconds from one time to another, rounded down; never negative (a clock step back counts as 0).</summary>
    public static long Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (long)Math.Floor((to - from).TotalSeconds));

    public DurationStats Stats(long? targetSeconds = null)
    {
        var n = Counts.Values.Sum();
        if (n == 0) return new DurationStats { TargetSeconds = targetSeconds };
        var sorted = Counts.OrderBy(p => p.Key).ToArray();
        var sum = sorted.Sum(p => (double)p.Key * p.Value);
        return new DurationStats
        {
            N = n,
            Mean = sum / n,
            Median = NearestRank(sorted, 0.5, n),
            P90 = NearestRank(sorted, 0.9, n),
            WithinTarget = targetSeconds is { } t ? (double)sorted.Where(p => p.Key <= t).Sum(p => p.Value) / n : null,
            TargetSeconds = targetSeconds,
        };
    }

    /// <summary>The value at rank ⌈p × n⌉ of the sorted values.</summary>
    private static long NearestRank(KeyValuePair<long, long>[] sorted, double p, long n)
    {
        var rank = (long)Math.Ceiling(p * n);
        long seen = 0;
        foreach (var (seconds, count) in sorted)
        {
            seen += count;
            if (seen >= rank) return seconds;
        }
        return sorted[^1].Key;
    }
}
