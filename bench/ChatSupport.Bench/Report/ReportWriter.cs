using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSupport.Bench.Report;

/// <summary>Writes a run's report.md, latency.svg and results.json into its folder (under bench/results/, git-ignored).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <returns>The path of the Markdown report.</returns>
    public static async Task<string> WriteAsync(BenchResult result, string runFolder)
    {
        await File.WriteAllTextAsync(Path.Combine(runFolder, "results.json"), JsonSerializer.Serialize(result, Json));

        var series = new List<Measure.LatencySummary> { result.Chat.Steady.Delivery, result.Chat.Steady.Ack };
        if (result.Relay is { } relay) series.Add(relay.Steady.Delivery);
        if (result.Chat.Saturation is { } saturation) series.Add(saturation.Delivery);
        if (result.Relay is { } r) series.Add(r.Saturation.Delivery);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "latency.svg"),
            SvgLatencyPlot.Render($"ChatSupport, {result.Settings.Chats} chats: end-to-end latency by percentile", series));

        var timelines = new List<(string, IReadOnlyList<Measure.TimelinePoint>)> { ("chat", result.Chat.Steady.DeliveryTimeline) };
        if (result.Relay is { } relayTimeline) timelines.Add(("relay", relayTimeline.Steady.DeliveryTimeline));
        await File.WriteAllTextAsync(Path.Combine(runFolder, "latency-over-time.svg"),
            SvgTimelinePlot.Render($"ChatSupport, {result.Settings.Chats} chats: steady-phase delivery latency, second by second", timelines));

        var report = Path.Combine(runFolder, "report.md");
        await File.WriteAllTextAsync(report, MarkdownReport.Render(result, "latency.svg", "latency-over-time.svg"));
        return report;
    }
}
