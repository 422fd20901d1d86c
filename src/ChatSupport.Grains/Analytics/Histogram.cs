using ChatSupport.Contracts.Analytics;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// Durations in whole seconds, as "seconds → how many". Merging histograms is adding counts, so a report over any
/// range of buckets gives the exact mean, median and p90 of the values it holds, not an approximation.
/// </summary>
public sealed class Histogram
{
    public SortedDictionary<long, long> Counts { get; init; } = [];

    public void Add(long seconds, long count = 1)
    {
        if (count == 0) return;
        Counts[seconds] = Counts.GetValueOrDefault(seconds) + count;
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
        var sum = Counts.Sum(p => (double)p.Key * p.Value);
        return new DurationStats
        {
            N = n,
            Mean = sum / n,
            Median = NearestRank(0.5, n),
            P90 = NearestRank(0.9, n),
            WithinTarget = targetSeconds is { } t ? (double)Counts.Where(p => p.Key <= t).Sum(p => p.Value) / n : null,
            TargetSeconds = targetSeconds,
        };
    }

    /// <summary>The value at rank ⌈p × n⌉ of the sorted values.</summary>
    private long NearestRank(double p, long n)
    {
        var rank = (long)Math.Ceiling(p * n);
        long seen = 0;
        foreach (var (seconds, count) in Counts)
        {
            seen += count;
            if (seen >= rank) return seconds;
        }
        return Counts.Keys.Last();
    }
}
