using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Report;

/// <summary>p99 and max delivery latency of each second of a phase: a stall that recurs (a periodic save, a GC) shows as a rhythm of spikes.</summary>
public static class SvgTimelinePlot
{
    public static string Render(string title, IReadOnlyList<(string Name, IReadOnlyList<TimelinePoint> Points)> series)
    {
        var drawn = series.Where(s => s.Points.Count > 0).ToList();
        var seconds = Math.Max(1, drawn.SelectMany(s => s.Points).Select(p => p.Second).DefaultIfEmpty(0).Max());
        var chart = new SvgChart(title, "second of the phase (when the message was sent)",
            drawn.SelectMany(s => s.Points).SelectMany(p => new[] { p.P99Ms, p.MaxMs }));
        var step = seconds <= 30 ? 5 : seconds <= 120 ? 10 : 30;
        for (var s = 0; s <= seconds; s += step) chart.XTick(s / (double)seconds, s.ToString());
        foreach (var (name, points) in drawn)
        {
            chart.Line(name + " p99", $"worst second: {SvgChart.FormatMs(points.Max(p => p.P99Ms))}", points.Select(p => (p.Second / (double)seconds, p.P99Ms)));
            chart.Line(name + " max", $"worst: {SvgChart.FormatMs(points.Max(p => p.MaxMs))}", points.Select(p => (p.Second / (double)seconds, p.MaxMs)),
                dashed: true, sameColorAsPrevious: true);
        }
        return chart.Render();
    }
}
