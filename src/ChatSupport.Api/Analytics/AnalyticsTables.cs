using ChatSupport.Contracts.Analytics;

namespace ChatSupport.Api.Analytics;

/// <summary>
/// The report's tables as rows of named columns: what the CSV and JSON exports hold. They are read off the very
/// report the page shows, so screen and export cannot disagree.
/// </summary>
public static class AnalyticsTables
{
    public static readonly string[] Names = ["totals", "series", "heatmap", "agents"];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>>? Rows(AnalyticsReport r, string? table) => table switch
    {
        "totals" => Totals(r),
        "series" => r.Series.Select(SeriesRow).ToList(),
        "heatmap" => r.Heatmap.Days.Select((day, d) => Row(
            new[] { ("day", (object?)day) }.Concat(Enumerable.Range(0, 24).Select(h => ($"{h:00}", (object?)r.Heatmap.Started[d][h]))).ToArray())).ToList(),
        "agents" => r.Agents.Select(AgentRow).ToList(),
        _ => null,
    };

    /// <summary>The columns of a table, also when it has no rows (the CSV still starts with its header).</summary>
    public static IReadOnlyList<string> Columns(string table) => table switch
    {
        "series" => SeriesRow(new SeriesPoint { Start = "" }).Keys.ToList(),
        "agents" => AgentRow(new AgentStats { AgentId = "", FirstResponse = new(), ResponseTime = new() }).Keys.ToList(),
        "heatmap" => ["day", .. Enumerable.Range(0, 24).Select(h => $"{h:00}")],
        _ => ["metric", "value", "mean", "median", "p90", "withinTarget", "targetSeconds"],
    };

    private static IReadOnlyDictionary<string, object?> SeriesRow(SeriesPoint p) => Row(
            ("start", p.Start), ("started", p.Started), ("assigned", p.Assigned), ("resolved", p.Resolved), ("abandoned", p.Abandoned),
            ("missed", p.Missed), ("firstResponseMedian", p.FirstResponseMedian), ("resolutionMedian", p.ResolutionMedian),
            ("ratings", p.Ratings), ("csat", p.Csat), ("reopened", p.Reopened), ("targetsMet", p.TargetsMet), ("targetsMissed", p.TargetsMissed));

    private static IReadOnlyDictionary<string, object?> AgentRow(AgentStats a) => Row(
            ("agentId", a.AgentId), ("agentName", a.AgentName), ("handled", a.Handled), ("transfersIn", a.TransfersIn), ("transfersOut", a.TransfersOut),
            ("resolved", a.Resolved), ("firstResponseN", a.FirstResponse.N), ("firstResponseMean", a.FirstResponse.Mean),
            ("firstResponseMedian", a.FirstResponse.Median), ("firstResponseP90", a.FirstResponse.P90),
            ("responseTimeN", a.ResponseTime.N), ("responseTimeMean", a.ResponseTime.Mean), ("responseTimeMedian", a.ResponseTime.Median),
            ("responseTimeP90", a.ResponseTime.P90), ("ratings", a.Ratings), ("csat", a.Csat), ("meanStars", a.MeanStars), ("reopened", a.Reopened),
            ("targetsMet", a.TargetsMet), ("targetsMissed", a.TargetsMissed), ("targetsMetShare", a.TargetsMetShare));

    private static List<IReadOnlyDictionary<string, object?>> Totals(AnalyticsReport r)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>
        {
            Count("chats started", r.Totals.Started),
            Count("chats assigned", r.Totals.Assigned),
            Count("chats resolved", r.Totals.Resolved),
            Count("chats abandoned", r.Totals.Abandoned),
            Count("chats missed", r.Totals.Missed),
            Count("chats reopened", r.Totals.Reopened),
            Count("targets met", r.Totals.TargetsMet),
            Count("targets missed", r.Totals.TargetsMissed),
            Value("targets met share", r.Totals.TargetsMetShare),
            Duration("wait to assignment", r.WaitToAssignment),
            Duration("first response time", r.FirstResponse),
            Duration("response time", r.ResponseTime),
            Duration("resolution time", r.ResolutionTime),
            Count("ratings", r.Satisfaction.Ratings),
            Value("csat", r.Satisfaction.Csat),
            Value("mean stars", r.Satisfaction.MeanStars),
            Value("response rate", r.Satisfaction.ResponseRate),
        };
        for (var stars = 1; stars <= 5; stars++) rows.Add(Count($"ratings of {stars}", r.Satisfaction.Distribution[stars - 1]));
        return rows;
    }

    private static IReadOnlyDictionary<string, object?> Count(string metric, long value) => Metric(metric, value, null, null, null, null, null);

    private static IReadOnlyDictionary<string, object?> Value(string metric, double? value) => Metric(metric, value, null, null, null, null, null);

    private static IReadOnlyDictionary<string, object?> Duration(string metric, DurationStats s) =>
        Metric(metric, s.N, s.Mean, s.Median, s.P90, s.WithinTarget, s.TargetSeconds);

    private static IReadOnlyDictionary<string, object?> Metric(string metric, object? value, double? mean, long? median, long? p90, double? withinTarget, long? target) =>
        Row(("metric", metric), ("value", value), ("mean", mean), ("median", median), ("p90", p90), ("withinTarget", withinTarget), ("targetSeconds", target));

    private static IReadOnlyDictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (column, value) in cells) row[column] = value;
        return row;
    }
}
