using System.Diagnostics;
using HdrHistogram;

namespace ChatSupport.Bench.Measure;

/// <summary>
/// Latencies in an HdrHistogram (microsecond resolution, 3 significant digits, up to 5 minutes), safe to
/// record from many threads at once. Percentiles come from the histogram, never from an average.
/// </summary>
public sealed class LatencyRecorder(string name)
{
    private static readonly long HighestMicroseconds = (long)TimeSpan.FromMinutes(5).TotalMicroseconds;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);
    private long _overflows;

    public string Name { get; } = name;

    /// <summary>Records the time from <paramref name="startTimestamp"/> (Stopwatch ticks) until now.</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1, (long)latency.TotalMicroseconds);
        if (micros > HighestMicroseconds)
        {
            Interlocked.Increment(ref _overflows);
            micros = HighestMicroseconds;
        }
        _histogram.RecordValue(micros);
    }

    public LatencySummary Summarize()
    {
        var h = _histogram.Copy();
        double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(
            Name,
            h.TotalCount,
            h.TotalCount == 0 ? 0 : Ms(h.GetValueAtPercentile(50)),
            h.TotalCount == 0 ? 0 : Ms(h.GetValueAtPercentile(95)),
            h.TotalCount == 0 ? 0 : Ms(h.GetValueAtPercentile(99)),
            h.TotalCount == 0 ? 0 : Ms(h.GetMaxValue()),
            Interlocked.Read(ref _overflows),
            PercentileCurve(h));
    }

    /// <summary>(percentile, ms) points spaced evenly on the "nines" scale, for the latency plot.</summary>
    private static IReadOnlyList<LatencyPoint> PercentileCurve(HistogramBase h)
    {
        if (h.TotalCount == 0) return [];
        var points = new List<LatencyPoint>();
        // 0, 50, 75, 87.5, … : each step halves the distance to 100 %, up to 99.99 % or the last recorded value.
        for (var remaining = 1.0; remaining > 0.00005; remaining /= Math.Pow(2, 0.25))
        {
            var percentile = 100 * (1 - remaining);
            points.Add(new(percentile, h.GetValueAtPercentile(percentile) / 1000.0));
        }
        points.Add(new(100, h.GetMaxValue() / 1000.0));
        return points;
    }
}

/// <summary>Percentiles in milliseconds; <see cref="Overflows"/> counts values above the histogram's range (recorded as its top).</summary>
public sealed record LatencySummary(
    string Name, long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Overflows,
    IReadOnlyList<LatencyPoint> Curve);

public readonly record struct LatencyPoint(double Percentile, double Ms);
