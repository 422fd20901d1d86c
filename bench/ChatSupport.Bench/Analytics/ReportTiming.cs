using System.Diagnostics;
using ChatSupport.Bench.Measure;
using ChatSupport.Contracts.Analytics;

namespace ChatSupport.Bench.Analytics;

/// <summary>One kind of report query, timed through one path (the HTTP route, or the grain call alone).</summary>
public sealed record QueryTiming(string Path, string Query, LatencySummary Latency, long Bytes);

/// <summary>
/// Times report queries one after another (a dashboard asks one at a time): the HTTP route
/// <c>GET /api/analytics/report</c> as a signed-in System Admin (what the page waits for), and
/// <c>IAnalyticsGrain.Report</c> through the Orleans client (the aggregates' own cost, without HTTP and JSON).
/// A refused or failed query fails the run: a fast wrong answer is no figure.
/// </summary>
public static class ReportTiming
{
    public static async Task<QueryTiming> HttpAsync(HttpClient http, string name, AnalyticsQuery query, int warmUp, int count, CancellationToken ct)
    {
        var url = "api/analytics/report?" + string.Join('&', Parameters(query).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var recorder = new LatencyRecorder(name);
        long bytes = 0;
        for (var i = 0; i < warmUp + count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            if (i >= warmUp) recorder.RecordSince(start);
            bytes = body.Length;
        }
        return new QueryTiming("HTTP route", name, recorder.Summarize(), bytes);
    }

    public static async Task<QueryTiming> GrainAsync(IAnalyticsGrain analytics, string name, AnalyticsQuery query, int warmUp, int count)
    {
        var recorder = new LatencyRecorder(name);
        for (var i = 0; i < warmUp + count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var report = await analytics.Report(query);
            if (report.Error is { } error) throw new InvalidOperationException($"The report refused {query}: {error}");
            if (i >= warmUp) recorder.RecordSince(start);
        }
        return new QueryTiming("grain call", name, recorder.Summarize(), 0);
    }

    /// <summary>The first query a fresh activation answers: it loads every bucket of the tenant from storage first.</summary>
    public static async Task<(TimeSpan Elapsed, AnalyticsReport Report)> FirstAsync(IAnalyticsGrain analytics, AnalyticsQuery query)
    {
        var start = Stopwatch.GetTimestamp();
        var report = await analytics.Report(query);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return report.Value is { } value ? (elapsed, value) : throw new InvalidOperationException($"The report refused {query}: {report.Error}");
    }

    private static IEnumerable<KeyValuePair<string, string>> Parameters(AnalyticsQuery q)
    {
        yield return new("from", q.From);
        yield return new("to", q.To);
        yield return new("tz", q.TimeZone);
        yield return new("groupBy", q.GroupBy);
        if (q.AgentId is { } agent) yield return new("agent", agent);
    }
}
