using System.Text;
using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Analytics;

/// <summary>The human report of one <c>./chat bench analytics</c> run: the conditions first, then the figures.</summary>
public static class AnalyticsMarkdown
{
    private const double TargetP95Ms = 200;
    private const double MessagePathTolerance = 1.10;

    public static string Render(AnalyticsBenchResult r)
    {
        var md = new StringBuilder();
        var m = r.Machine;
        Line(md, $"# ChatSupport analytics benchmark: {r.Feed.Chats:N0} chats over {r.FirstDay:yyyy-MM-dd}..{r.LastDay:yyyy-MM-dd}");
        Line(md);
        Line(md, $"- Command: `{r.Command.Trim()}`");
        Line(md, $"- When: {r.StartedAt:yyyy-MM-dd HH:mm zzz}, {r.WallSeconds:0} s for the whole run");
        Line(md, $"- Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryGiB:0.#} GiB; {m.Os}; {m.Runtime}");
        Line(md, $"- Load average (1, 5, 15 min) at the start: {r.LoadBefore}; at the end: {r.LoadAfter}");
        Line(md, $"- Fed: {r.Feed.Chats:N0} chats, {r.Feed.Events:N0} session events, {r.Agents} agents, through `IAnalyticsGrain.Apply` " +
                 $"in {r.Feed.Seconds:0} s ({r.Feed.EventsPerSecond:0} events/s), {r.Feed.FailedChats} chats failed; {r.Buckets:N0} quarter-hour buckets");
        Line(md, $"- The report counts {r.ReportStarted:N0} chats started ({(r.ReportStarted == r.Feed.Chats ? "every chat fed" : "**not** every chat fed")})");
        Line(md);

        Line(md, "## Report queries, warm (one at a time)");
        Line(md);
        Line(md, "| query | path | n | p50 | p95 | p99 | max | response |");
        Line(md, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var q in r.Queries)
            Line(md, $"| {q.Query} | {q.Path} | {q.Latency.Count} | {Ms(q.Latency.P50Ms)} | {Ms(q.Latency.P95Ms)} | {Ms(q.Latency.P99Ms)} | {Ms(q.Latency.MaxMs)} | " +
                     (q.Bytes > 0 ? $"{q.Bytes / 1024.0:0.0} KB |" : "— |"));
        var worst = r.Queries.Where(q => q.Path == "HTTP route").Select(q => q.Latency.P95Ms).DefaultIfEmpty(double.NaN).Max();
        Line(md);
        Line(md, $"Target p95 ≤ {TargetP95Ms:0} ms for 30 days of 100,000 chats; here {r.LastDay.DayNumber - r.FirstDay.DayNumber + 1} days of {r.Feed.Chats:N0} chats, " +
                 $"worst p95 of the HTTP route {Ms(worst)} → " +
                 (worst <= TargetP95Ms ? "**met**" : "**missed**") + ".");
        Line(md);

        Line(md, "## First report after a fresh activation (host restarted; every bucket loaded from Azurite)");
        Line(md);
        Line(md, "| sample | first report (HTTP) | the next one |");
        Line(md, "| ---: | ---: | ---: |");
        for (var i = 0; i < r.Cold.Count; i++) Line(md, $"| {i + 1} | {Ms(r.Cold[i].FirstMs)} | {Ms(r.Cold[i].SecondMs)} |");
        Line(md);

        foreach (var problem in r.Problems) Line(md, $"- Not measured: {problem}");
        if (r.Problems.Count > 0) Line(md);

        if (r.MessagePath is { } path)
        {
            Line(md, "## The message path with and without the analytics consumer");
            Line(md);
            var churn = path.With.Churn;
            Line(md, $"Each run: its own Azurite and host, {path.With.Ramp.Requested:N0} chats asked for, the steady phase of `./chat bench`" +
                     (churn is null ? "." : $", with chats started, resolved and rated meanwhile (session events for every consumer)."));
            Line(md);
            Line(md, "| | with analytics | without | with ÷ without |");
            Line(md, "| --- | ---: | ---: | ---: |");
            Row(md, "steady delivery p50", path.With.Steady.Delivery.P50Ms, path.Without.Steady.Delivery.P50Ms);
            Row(md, "steady delivery p95", path.With.Steady.Delivery.P95Ms, path.Without.Steady.Delivery.P95Ms);
            Row(md, "steady delivery p99", path.With.Steady.Delivery.P99Ms, path.Without.Steady.Delivery.P99Ms);
            Row(md, "steady send → ack p50", path.With.Steady.Ack.P50Ms, path.Without.Steady.Ack.P50Ms);
            Row(md, "steady send → ack p99", path.With.Steady.Ack.P99Ms, path.Without.Steady.Ack.P99Ms);
            Line(md, $"| chats open in the steady phase | {path.With.Ramp.Opened:N0} | {path.Without.Ramp.Opened:N0} | |");
            Line(md, $"| acknowledged / failed | {path.With.Steady.Acked:N0} / {path.With.Steady.Failed:N0} | {path.Without.Steady.Acked:N0} / {path.Without.Steady.Failed:N0} | |");
            Line(md, $"| chats living their whole life meanwhile (completed of started) | {Churn(path.With.Churn)} | {Churn(path.Without.Churn)} | |");
            Line(md, $"| chats the tenant's analytics counted (today and yesterday, UTC) | {path.With.AnalyticsChatsStarted?.ToString("N0") ?? "—"} | {path.Without.AnalyticsChatsStarted?.ToString("N0") ?? "—"} | |");
            Line(md, $"| CPU in the steady phase (cores) | {Cores(path.With.Steady.CoresUsed)} | {Cores(path.Without.Steady.CoresUsed)} | |");
            Line(md);
            Line(md, $"Target: steady p50 within 10 % of the run without analytics: delivery {path.DeliveryP50Ratio:0.00}, ack {path.AckP50Ratio:0.00} → " +
                     (path.DeliveryP50Ratio <= MessagePathTolerance && path.AckP50Ratio <= MessagePathTolerance ? "**met**" : "**missed**") + ".");
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string what, double with, double without) =>
        Line(md, $"| {what} | {Ms(with)} | {Ms(without)} | {with / without:0.00} |");

    private static string Churn(Clients.ChurnOutcome? churn) => churn is null ? "—" : $"{churn.Completed} of {churn.Started}";

    private static string Cores(IReadOnlyDictionary<string, double> cores) => string.Join(", ", cores.Select(c => $"{c.Key} {c.Value:0.00}"));

    private static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms < 10 ? $"{ms:0.00} ms" : $"{ms:0.0} ms";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
