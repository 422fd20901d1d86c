using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Report;

/// <summary>
/// Latency by percentile, HdrHistogram style: percentiles on the "nines" scale along x (50 %, 90 %, 99 %,
/// 99.9 %, …, where the tail lives), latency on a log scale, one line per measured series.
/// </summary>
public static class SvgLatencyPlot
{
    private const double MaxNines = 4; // 99.99 %

    public static string Render(string title, IReadOnlyList<LatencySummary> series)
    {
        var drawn = series.Where(s => s.Count > 0).ToList();
        var chart = new SvgChart(title, "percentile", drawn.SelectMany(s => s.Curve).Select(p => p.Ms));
        foreach (var (percentile, label) in new[] { (0.0, "0%"), (50.0, "50%"), (90.0, "90%"), (99.0, "99%"), (99.9, "99.9%"), (99.99, "99.99%") })
            chart.XTick(Nines(percentile) / MaxNines, label);
        foreach (var s in drawn)
        {
            chart.Line(s.Name, $"p99 {SvgChart.FormatMs(s.P99Ms)}, max {SvgChart.FormatMs(s.MaxMs)}",
                s.Curve.Where(p => p.Percentile < 100).Select(p => (Nines(p.Percentile) / MaxNines, p.Ms)));
        }
        return chart.Render();
    }

    /// <summary>How many nines a percentile has: 90 % → 1, 99 % → 2, 99.9 % → 3.</summary>
    private static double Nines(double percentile) => Math.Min(MaxNines, -Math.Log10(1 - percentile / 100));
}
