using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Report;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// The chat pipeline under load: N chats opened (start → dashboard, assignment), the steady load, memory with
/// every chat open, the dashboard's snapshot, the raw-insert baselines on the same Azurite, saturation, and
/// finally a check that storage holds every acknowledged message. <paramref name="shape"/> varies it (the analytics
/// scenario runs only up to the steady phase, with chats living their whole life meanwhile, analytics on and off).
/// </summary>
public sealed class ChatPipelineBench(BenchOptions options, string runFolder, PipelineShape? shape = null)
{
    private readonly PipelineShape _shape = shape ?? PipelineShape.Full;

    private const int WarmUpChats = 20;
    /// <summary>The overload phase offers this multiple of the saturation measured in the same run (issue 21).</summary>
    private const double OverloadMultiple = 3;

    public async Task<ChatPipelineResult> RunAsync(CancellationToken ct)
    {
        // The bench's own host gets a tenant whose operators each carry ChatsPerOperator agent connections, and a
        // separate warm-up tenant, so warm-up chats never show on the measured dashboard.
        var tenant = options.ExternalTenant ?? BenchTenant.Create("bench", (options.Chats + options.ChatsPerOperator - 1) / options.ChatsPerOperator);
        var warmUpTenant = BenchTenant.Create("warmup", 1);
        await using var azurite = options.ExternalUrl is null ? await StartAzuriteAsync() : null;
        await using var host = azurite is null ? null : await StartHostAsync(azurite.ConnectionString, [tenant, warmUpTenant]);
        var baseUrl = host?.BaseUrl ?? options.ExternalUrl!;
        var storage = azurite?.ConnectionString ?? options.ExternalStorage;
        var serverPid = host?.Pid ?? options.ExternalServerPid;
        var server = serverPid is { } pid ? new ProcessMeter(pid) : null;
        var measured = Measured(server, azurite?.Pid);

        BenchLog.Info($"Signing in {tenant.Operators.Count} operators of tenant {tenant.Id}");
        var signingIn = System.Diagnostics.Stopwatch.StartNew();
        using var access = await ChatAccess.SignInAsync(baseUrl, tenant, ct);
        var signInSeconds = signingIn.Elapsed.TotalSeconds;
        // Against an external host there is only the given tenant: it warms up too.
        using var ownWarmUpAccess = options.ExternalTenant is null ? await ChatAccess.SignInAsync(baseUrl, warmUpTenant, ct) : null;
        await WarmUpAsync(baseUrl, ownWarmUpAccess ?? access, ct);
        var memoryBefore = server is null ? null : await MemorySample.TakeAsync(server, host?.GcHeapFile);
        var idleCores = await IdleCpu.MeasureAsync(measured, settle: TimeSpan.FromSeconds(5), ct);

        await using var desk = new DeskWatch();
        await desk.ConnectAsync(baseUrl, access, ct);
        var meters = new ChatOpeningMeters(desk, new AckLedger());
        BenchLog.Info($"Opening {options.Chats} chats ({options.RampParallelism} at a time)");
        var rampCpu = new CpuWindow(measured);
        var ramp = await Ramp.OpenAsync(options.Chats, options.RampParallelism,
            (i, token) => ChatPair.OpenAsync(baseUrl, access, i, meters, token),
            n => BenchLog.Info($"  {n} chats set up"), ct);
        var rampResult = new RampResult(options.Chats, ramp.Opened.Count, ramp.Failed, ramp.Seconds, ramp.PerSecond, ramp.FailureKinds, rampCpu.CoresUsed());
        BenchLog.Info($"{ramp.Opened.Count} chats open in {ramp.Seconds:0.0} s ({ramp.Failed} failed)");
        var pairs = ramp.Opened;
        try
        {
            var (startToDashboard, neverShown) = await desk.SummarizeAsync(TimeSpan.FromSeconds(10), ct);
            // Memory per open chat is read with every chat open and idle, before any load can drop a connection.
            var memoryOpen = server is null ? null : await MemorySample.TakeAsync(server, host?.GcHeapFile);
            var openWhenRamped = pairs.Count(p => p.IsConnected);
            var idleWithChats = await IdleCpu.MeasureAsync(measured, settle: TimeSpan.Zero, ct);

            BenchLog.Info($"Steady load: every party sends every {options.Interval.TotalSeconds:0} s for {options.Duration.TotalSeconds:0} s");
            // Churn chats take indices after the steady and saturation chats', so no client id is used twice.
            var churning = ChatChurn.RunAsync(baseUrl, access, options.Chats + options.SaturationChats, _shape.ChurnPerSecond, options.Duration, ct);
            var steady = await SteadyLoad.RunAsync("chat steady", Parties(pairs), options.Interval, options.Duration, measured, ct);
            var churn = await churning;
            BenchLog.Info($"  delivery p50 {steady.Delivery.P50Ms:0.0} ms, p99 {steady.Delivery.P99Ms:0.0} ms, {steady.AckedPerSecond:0} acked/s, {steady.Failed} failed" +
                          (churn is null ? "" : $"; {churn.Completed} of {churn.Started} chats started, resolved and rated meanwhile"));
            if (_shape.SteadyOnly)
                return SteadyOnlyResult(tenant, signInSeconds, rampResult, startToDashboard, neverShown, desk, meters, idleCores, idleWithChats, steady, churn) with
                {
                    AnalyticsChatsStarted = await AnalyticsCount.StartedRecentlyAsync(access, baseUrl, ct),
                };

            var openWhenMeasured = pairs.Count(p => p.IsConnected);
            var memoryAfter = server is null ? null : await MemorySample.TakeAsync(server, host?.GcHeapFile);

            // From here on each measurement stands alone: one that fails (an overloaded server refusing GetDesk, say)
            // is reported as a problem and the run goes on, so a run always ends with a report.
            var problems = new List<string>();
            BenchLog.Info($"Timing GetDesk with {openWhenMeasured} open chats");
            var deskLoad = await AttemptAsync("GetDesk timing", problems, () => DeskLoadTiming.MeasureAsync(baseUrl, access, options.DeskLoads, ct));

            await Quiesce.WaitAsync(server, TimeSpan.FromSeconds(30), ct);
            var writers = options.SaturationChats * 2;
            RawInsertOutcome? rawInserts = null, rawTransactions = null;
            if (storage is not null)
            {
                BenchLog.Info($"Raw Azure Table inserts into the same Azurite, {writers} writers, {options.SaturationDuration.TotalSeconds:0} s each shape");
                rawInserts = await AttemptAsync("raw inserts", problems,
                    () => RawInsertLoad.RunAsync(storage, RawInsertLoad.Shape.SingleEntity, writers, options.SaturationDuration, measured, ct));
                rawTransactions = await AttemptAsync("raw two-row transactions", problems,
                    () => RawInsertLoad.RunAsync(storage, RawInsertLoad.Shape.MessageTransaction, writers, options.SaturationDuration, measured, ct));
                BenchLog.Info($"  {rawInserts?.PerSecond:0} inserts/s, {rawTransactions?.PerSecond:0} two-row transactions/s");
            }

            var saturation = await AttemptAsync("saturation", problems, () => SaturateAsync(baseUrl, access, meters.Ledger, measured, ct));
            OverloadOutcome? overload = null;
            if (saturation is { AckedPerSecond: > 0 })
            {
                BenchLog.Info($"Overload: the {pairs.Count} open chats offered {OverloadMultiple:0} × saturation ({saturation.AckedPerSecond * OverloadMultiple:0} messages/s, open loop) for {options.SaturationDuration.TotalSeconds:0} s");
                overload = await AttemptAsync("overload", problems, () => OverloadLoad.RunAsync(Parties(pairs), saturation.AckedPerSecond, OverloadMultiple,
                    options.SaturationDuration, measured, ct));
                if (overload is not null)
                    BenchLog.Info($"  {overload.Load.AckedPerSecond:0} acked/s ({overload.AckedShareOfSaturation:P0} of saturation), {overload.Refusals.Count} try_again (p99 {overload.Refusals.P99Ms:0.0} ms), {overload.ConnectionsDropped} connections dropped");
            }

            DurabilityOutcome? durability = null;
            if (storage is not null)
            {
                durability = await AttemptAsync("durability check", problems, () => DurabilityCheck.RunAsync(storage, tenant.Id, meters.Ledger, ct));
                if (durability is not null)
                    BenchLog.Info($"Storage holds {durability.Acknowledged - durability.AcknowledgedButMissing} of {durability.Acknowledged} acknowledged messages");
            }

            return new ChatPipelineResult
            {
                Operators = tenant.Operators.Count,
                OperatorSignInSeconds = signInSeconds,
                Ramp = rampResult,
                StartToDashboard = startToDashboard,
                NeverShownOnDashboard = neverShown,
                DeskVersionGaps = desk.VersionGaps,
                Assignment = meters.Assignment.Summarize(),
                FirstAgentMessage = meters.Greeting.Summarize(),
                IdleCores = idleCores,
                IdleCoresWithChatsOpen = idleWithChats,
                Steady = steady,
                Memory = memoryBefore is null || memoryOpen is null ? null : new MemoryGrowth(openWhenRamped, memoryBefore, memoryOpen),
                MemoryAfterSteady = memoryBefore is null || memoryAfter is null ? null : new MemoryGrowth(openWhenMeasured, memoryBefore, memoryAfter),
                DeskLoad = deskLoad,
                RawInserts = rawInserts,
                RawMessageTransactions = rawTransactions,
                Saturation = saturation,
                Overload = overload,
                Durability = durability,
                ConnectionDrops = BenchConnections.Drops,
                Problems = problems,
                Churn = churn,
            };
        }
        finally
        {
            BenchLog.Info("Closing the chat connections");
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (pair, _) => pair.DisposeAsync());
        }
    }

    private static ChatPipelineResult SteadyOnlyResult(BenchTenant tenant, double signInSeconds, RampResult ramp, LatencySummary startToDashboard,
        int neverShown, DeskWatch desk, ChatOpeningMeters meters, IReadOnlyDictionary<string, double> idleCores,
        IReadOnlyDictionary<string, double> idleWithChats, LoadOutcome steady, ChurnOutcome? churn) => new()
    {
        Operators = tenant.Operators.Count,
        OperatorSignInSeconds = signInSeconds,
        Ramp = ramp,
        StartToDashboard = startToDashboard,
        NeverShownOnDashboard = neverShown,
        DeskVersionGaps = desk.VersionGaps,
        Assignment = meters.Assignment.Summarize(),
        FirstAgentMessage = meters.Greeting.Summarize(),
        IdleCores = idleCores,
        IdleCoresWithChatsOpen = idleWithChats,
        Steady = steady,
        Memory = null,
        MemoryAfterSteady = null,
        DeskLoad = null,
        RawInserts = null,
        RawMessageTransactions = null,
        Saturation = null,
        Durability = null,
        ConnectionDrops = BenchConnections.Drops,
        Problems = [],
        Churn = churn,
    };

    /// <summary>
    /// Saturation on chats of its own, opened for the phase (beyond the N already open) and closed after it, so the
    /// figure does not depend on what the steady phase left standing.
    /// </summary>
    private async Task<LoadOutcome> SaturateAsync(Uri baseUrl, ChatAccess access, AckLedger ledger,
        IReadOnlyList<(string, ProcessMeter)> measured, CancellationToken ct)
    {
        BenchLog.Info($"Saturation: {options.SaturationChats} more chats, {options.SaturationChats * 2} senders as fast as acks come back");
        await using var notWatched = new DeskWatch();
        var ramp = await Ramp.OpenAsync(options.SaturationChats, options.RampParallelism,
            (i, token) => ChatPair.OpenAsync(baseUrl, access, options.Chats + i, new ChatOpeningMeters(notWatched, ledger), token), null, ct);
        try
        {
            if (ramp.Opened.Count == 0) throw new InvalidOperationException("no chat could be opened: " + string.Join("; ", ramp.FailureKinds.Keys));
            var saturation = await SaturationLoad.RunAsync("chat saturation", Parties(ramp.Opened), options.SaturationDuration, measured, ct);
            BenchLog.Info($"  {saturation.AckedPerSecond:0} acked messages/s");
            return saturation;
        }
        finally
        {
            foreach (var pair in ramp.Opened) await pair.DisposeAsync();
        }
    }

    private static async Task<T?> AttemptAsync<T>(string what, List<string> problems, Func<Task<T>> measure) where T : class
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            BenchLog.Info($"  {what} failed: {e.Message}");
            problems.Add($"{what} failed: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private async Task<AzuriteServer> StartAzuriteAsync()
    {
        BenchLog.Info(options.AzuriteInMemory ? "Starting Azurite (diagnosis: in-memory persistence)" : "Starting Azurite");
        return await AzuriteServer.StartAsync(options.RepoRoot, runFolder, options.AzuriteInMemory);
    }

    private async Task<ChatHostServer> StartHostAsync(string storage, IReadOnlyList<BenchTenant> tenants)
    {
        BenchLog.Info("Starting the ChatSupport host (Release build, one process)");
        return await ChatHostServer.StartAsync(options.RepoRoot, runFolder, storage, tenants, _shape.HostSettings);
    }

    /// <summary>A few chats end to end before measuring, so JIT compilation and first activations are not in the figures.</summary>
    private static async Task WarmUpAsync(Uri baseUrl, ChatAccess access, CancellationToken ct)
    {
        BenchLog.Info("Warming up");
        await using var desk = new DeskWatch();
        var ramp = await Ramp.OpenAsync(WarmUpChats, WarmUpChats,
            (i, token) => ChatPair.OpenAsync(baseUrl, access, i, new ChatOpeningMeters(desk, new AckLedger()), token), null, ct);
        if (ramp.Opened.Count == 0) throw new InvalidOperationException("No warm-up chat could be opened: " + string.Join("; ", ramp.FailureKinds.Keys));
        await SaturationLoad.RunAsync("warm-up", Parties(ramp.Opened), TimeSpan.FromSeconds(3), [], ct);
        foreach (var pair in ramp.Opened) await pair.DisposeAsync();
    }

    private static List<IMessageParty> Parties(IEnumerable<ChatPair> pairs) => pairs.SelectMany(p => new[] { p.Visitor, p.Agent }).ToList();

    private static List<(string, ProcessMeter)> Measured(ProcessMeter? server, int? azuritePid)
    {
        var measured = new List<(string, ProcessMeter)>();
        if (server is not null) measured.Add(("server", server));
        if (azuritePid is { } pid) measured.Add(("azurite", new ProcessMeter(pid)));
        measured.Add(("bench", new ProcessMeter(Environment.ProcessId)));
        return measured;
    }
}

/// <summary>
/// How much of the pipeline bench runs, and on what host: <see cref="Full"/> is <c>./chat bench</c>. <see cref="SteadyOnly"/>
/// stops after the steady phase; <see cref="ChurnPerSecond"/> chats live their whole life during it.
/// </summary>
public sealed record PipelineShape(IReadOnlyList<string> HostSettings, bool SteadyOnly, double ChurnPerSecond)
{
    public static readonly PipelineShape Full = new([], SteadyOnly: false, ChurnPerSecond: 0);
}
