using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace ChatSupport.Bench.Measure;

/// <summary>
/// Latency second by second (by the second a message was sent), so periodic stalls show as spikes at a
/// fixed rhythm rather than vanishing into one percentile over the whole phase.
/// </summary>
public sealed class LatencyTimeline
{
    private static readonly long HighestMicroseconds = (long)TimeSpan.FromMinutes(5).TotalMicroseconds;

    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<int, LongConcurrentHistogram> _seconds = new();

    public void Record(long sentTimestamp, TimeSpan latency)
    {
        var second = (int)Stopwatch.GetElapsedTime(_start, sentTimestamp).TotalSeconds;
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds);
        _seconds.GetOrAdd(Math.Max(0, second), _ => new LongConcurrentHistogram(1, HighestMicroseconds, 2)).RecordValue(micros);
    }

    public IReadOnlyList<TimelinePoint> Summarize() =>
        _seconds.OrderBy(s => s.Key)
            .Select(s => new TimelinePoint(s.Key, s.Value.TotalCount, s.Value.GetValueAtPercentile(99) / 1000.0, s.Value.GetMaxValue() / 1000.0))
            .ToList();
}

/// <summary>One second of a phase: messages sent in it, and their p99 and max latency in milliseconds.</summary>
public readonly record struct TimelinePoint(int Second, long Count, double P99Ms, double MaxMs);
