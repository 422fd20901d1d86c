using System.Diagnostics;
using System.Globalization;
using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Report;
using ChatSupport.Bench.Scenarios;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Bench.Analytics;

/// <summary>A fresh activation's first report: how long it took, and the warm query right after it for contrast.</summary>
public sealed record ColdSample(double FirstMs, double SecondMs);

/// <summary>The steady phase with the analytics consumer registered and without it (same bench invocation).</summary>
public sealed record MessagePathComparison(ChatPipelineResult With, ChatPipelineResult Without)
{
    public double DeliveryP50Ratio => With.Steady.Delivery.P50Ms / Without.Steady.Delivery.P50Ms;
    public double AckP50Ratio => With.Steady.Ack.P50Ms / Without.Steady.Ack.P50Ms;
}

public sealed record AnalyticsBenchResult(
    DateTimeOffset StartedAt, double WallSeconds, MachineInfo Machine, string Command, string LoadBefore, string LoadAfter,
    DateOnly FirstDay, DateOnly LastDay, int Agents, FeedOutcome Feed, int Buckets, long ReportStarted,
    IReadOnlyList<QueryTiming> Queries, IReadOnlyList<ColdSample> Cold, MessagePathComparison? MessagePath, IReadOnlyList<string> Problems);

/// <summary>
/// <c>./chat bench analytics</c>: first the chat pipeline's steady phase twice, with the analytics consumer registered
/// and without it, to show what keeping the aggregates costs messages; then one tenant's analytics filled with N chats'
/// session events over D days (through the analytics grain's own entry point, into the real Azurite), and its report
/// timed warm (HTTP route and grain call; team, a time zone, an agent) and cold (the first report after a host restart).
/// </summary>
public sealed class AnalyticsBench(AnalyticsOptions options)
{
    private const string TenantId = "analytics";
    private const string WarmUpTenantId = "analytics-warmup";
    private const int WarmUpChats = 200;
    private const int UntimedQueries = 20;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var startedAt = DateTimeOffset.Now;
        var runFolder = Path.Combine(options.Pipeline.OutputFolder, $"{startedAt:yyyyMMdd-HHmmss}-analytics-{options.Chats}-chats");
        Directory.CreateDirectory(runFolder);
        BenchLog.Info($"Analytics benchmark: {options.Chats:N0} chats over {options.Days} days; report and logs in {runFolder}");
        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();

        var tenant = BenchTenant.Create(TenantId, options.Agents);
        var warmUpTenant = BenchTenant.Create(WarmUpTenantId, 2);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var history = new GeneratedHistory(TenantId, lastDay.AddDays(1 - options.Days), options.Days, Agents(tenant));
        var query = new AnalyticsQuery
        {
            From = Day(history.FirstDay), To = Day(history.LastDay), TimeZone = "UTC", GroupBy = "day",
        };

        MessagePathComparison? messagePath = null;
        if (!options.SkipMessagePath)
        {
            // First, so that the feed's time limit bounds the rest. Each run starts and stops its own Azurite and host.
            var with = await SteadyAsync(runFolder, "with-analytics", [], ct);
            var without = await SteadyAsync(runFolder, "without-analytics", ["--ChatSupport:Analytics:Enabled=false"], ct);
            messagePath = new MessagePathComparison(with, without);
        }

        FeedOutcome feed;
        long reportStarted;
        var timings = new List<QueryTiming>();
        var cold = new List<ColdSample>();
        var problems = new List<string>();
        await using (var azurite = await AzuriteServer.StartAsync(options.Pipeline.RepoRoot, runFolder, inMemory: false))
        {
            ChatHostServer? host = await StartHostAsync(azurite, runFolder, [tenant, warmUpTenant]);
            try
            {
                await using (var client = await BenchOrleansClient.ConnectAsync(host.GatewayPort, host.Certificate, ct))
                {
                    // A few chats of another tenant first: the cold figures below then time loading buckets, not JIT.
                    var warmUpHistory = new GeneratedHistory(WarmUpTenantId, history.LastDay, 1, Agents(warmUpTenant));
                    await HistoryFeed.RunAsync(client.Grains, WarmUpTenantId, warmUpHistory, WarmUpChats, options.FeedParallelism, options.FeedLimit, ct);

                    BenchLog.Info($"Feeding {options.Chats:N0} chats' session events into the analytics of tenant {TenantId} ({options.FeedParallelism} sessions at a time)");
                    feed = await HistoryFeed.RunAsync(client.Grains, TenantId, history, options.Chats, options.FeedParallelism, options.FeedLimit, ct);
                    BenchLog.Info($"  {feed.Chats:N0} chats, {feed.Events:N0} events in {feed.Seconds:0} s ({feed.EventsPerSecond:0} events/s), {feed.FailedChats} failed");

                    var analytics = client.Grains.GetGrain<IAnalyticsGrain>(TenantId);
                    reportStarted = (await ReportTiming.FirstAsync(analytics, query)).Report.Totals.Started;
                    BenchLog.Info($"  the report counts {reportStarted:N0} chats started (fed: {feed.Chats:N0})");

                    using var access = await ChatAccess.SignInAsync(host.BaseUrl, Admin(tenant), ct);
                    using var http = access.OperatorHttp(host.BaseUrl, 0);
                    foreach (var (name, q) in Queries(query, tenant))
                    {
                        var counted = (await ReportTiming.FirstAsync(analytics, q)).Report;
                        BenchLog.Info($"Timing {options.Queries} reports ({name}: {counted.Totals.Assigned:N0} assigned, {counted.Totals.Resolved:N0} resolved, " +
                                      $"{counted.Satisfaction.Ratings:N0} ratings), HTTP route and grain call");
                        timings.Add(await ReportTiming.HttpAsync(http, name, q, UntimedQueries, options.Queries, ct));
                        timings.Add(await ReportTiming.GrainAsync(analytics, name, q, UntimedQueries, options.Queries));
                        BenchLog.Info($"  HTTP p95 {timings[^2].Latency.P95Ms:0.0} ms, grain p95 {timings[^1].Latency.P95Ms:0.0} ms");
                    }
                }
                for (var i = 0; i < options.ColdSamples; i++)
                {
                    BenchLog.Info($"Cold report {i + 1} of {options.ColdSamples}: restarting the host");
                    await host.DisposeAsync();
                    host = null;
                    host = await StartHostAsync(azurite, runFolder, [tenant, warmUpTenant]);
                    try
                    {
                        cold.Add(await ColdReportAsync(host, tenant, warmUpTenant, query, ct));
                        BenchLog.Info($"  first report {cold[^1].FirstMs:0} ms, the next {cold[^1].SecondMs:0.0} ms");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The warm figures are already taken: one failed sample must not cost the run its report.
                        BenchLog.Info($"  cold sample {i + 1} failed: {e.Message}");
                        problems.Add($"cold sample {i + 1} failed: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
            finally
            {
                if (host is not null) await host.DisposeAsync();
            }
        }

        var result = new AnalyticsBenchResult(startedAt, clock.Elapsed.TotalSeconds, MachineInfo.Read(),
            "./chat bench " + options.Pipeline.CommandLine, loadBefore, LoadAverage(), history.FirstDay, history.LastDay, options.Agents,
            feed, HistoryBuckets(history, feed.Chats), reportStarted, timings, cold, messagePath, problems);
        var report = Path.Combine(runFolder, "report.md");
        await File.WriteAllTextAsync(report, AnalyticsMarkdown.Render(result), ct);
        Console.WriteLine();
        Console.WriteLine(await File.ReadAllTextAsync(report, ct));
        BenchLog.Info($"Report: {report}");
        return reportStarted == feed.Chats && feed.FailedChats == 0 ? 0 : 1;
    }

    /// <summary>The team, a time zone with a DST change inside most ranges, and one agent (the page's three common views).</summary>
    private static IEnumerable<(string Name, AnalyticsQuery Query)> Queries(AnalyticsQuery team, BenchTenant tenant)
    {
        yield return ("team, UTC, by day", team);
        yield return ("team, Europe/Berlin, by day", team with { TimeZone = "Europe/Berlin" });
        yield return ($"agent {tenant.Operators[1].Username}, UTC, by day", team with { AgentId = tenant.Operators[1].Username });
    }

    /// <summary>
    /// A restarted host: sign in, warm the route and the report code on the small tenant, then time the big tenant's
    /// first report through the route (its activation loads every bucket from Azurite) and the one after it.
    /// </summary>
    private static async Task<ColdSample> ColdReportAsync(ChatHostServer host, BenchTenant tenant, BenchTenant warmUpTenant, AnalyticsQuery query, CancellationToken ct)
    {
        using (var warmAccess = await ChatAccess.SignInAsync(host.BaseUrl, Admin(warmUpTenant), ct))
        using (var warmHttp = warmAccess.OperatorHttp(host.BaseUrl, 0))
            await ReportTiming.HttpAsync(warmHttp, "warm-up", query, 0, 5, ct);
        using var access = await ChatAccess.SignInAsync(host.BaseUrl, Admin(tenant), ct);
        using var http = access.OperatorHttp(host.BaseUrl, 0);
        var first = await ReportTiming.HttpAsync(http, "cold", query, 0, 1, ct);
        var second = await ReportTiming.HttpAsync(http, "after cold", query, 0, 1, ct);
        return new ColdSample(first.Latency.MaxMs, second.Latency.MaxMs);
    }

    private async Task<ChatPipelineResult> SteadyAsync(string runFolder, string name, IReadOnlyList<string> hostSettings, CancellationToken ct)
    {
        BenchLog.Info($"Message path, {name.Replace('-', ' ')}: {options.Pipeline.Chats} chats, steady phase with {options.ChurnPerSecond} chats/s living their whole life");
        var folder = Path.Combine(runFolder, name);
        Directory.CreateDirectory(folder);
        return await new ChatPipelineBench(options.Pipeline, folder, new PipelineShape(hostSettings, SteadyOnly: true, options.ChurnPerSecond)).RunAsync(ct);
    }

    private static async Task<ChatHostServer> StartHostAsync(AzuriteServer azurite, string runFolder, IReadOnlyList<BenchTenant> tenants)
    {
        BenchLog.Info("Starting the ChatSupport host (Release build, one process)");
        return await ChatHostServer.StartAsync(RepoPaths.FindRoot(), runFolder, azurite.ConnectionString, tenants);
    }

    /// <summary>Only the first operator signs in: the routes need one System Admin, and every sign-in is a slow password check.</summary>
    private static BenchTenant Admin(BenchTenant tenant) => tenant with { Operators = [tenant.Operators[0]] };

    /// <summary>The tenant's operators as the events name them: username and the display name the bootstrap gives them.</summary>
    private static List<AgentRef> Agents(BenchTenant tenant) =>
        tenant.Operators.Select((op, i) => new AgentRef(op.Username, $"Agent {i}")).ToList();

    /// <summary>The quarter hours the fed chats' events fall in: the buckets a fresh activation loads.</summary>
    private static int HistoryBuckets(GeneratedHistory history, int chats)
    {
        var quarters = new HashSet<long>();
        for (var i = 0; i < chats; i++)
            foreach (var e in history.Chat(i)) quarters.Add(e.Event.OccurredAt.ToUnixTimeSeconds() / 900);
        return quarters.Count;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The machine's 1-, 5- and 15-minute load averages (it is shared; the figures need them beside them).</summary>
    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
