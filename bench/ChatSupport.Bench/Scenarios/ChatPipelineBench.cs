using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Report;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// The chat pipeline under load: N chats opened (start → dashboard, assignment), the steady load, memory with
/// every chat open, the dashboard's snapshot, the raw-insert baselines on the same Azurite, saturation, and
/// finally a check that storage holds every acknowledged message.
/// </summary>
public sealed class ChatPipelineBench(BenchOptions options, string runFolder)
{
    private const string Tenant = "bench";
    private const int WarmUpChats = 20;

    public async Task<ChatPipelineResult> RunAsync(CancellationToken ct)
    {
        await using var azurite = options.ExternalUrl is null ? await StartAzuriteAsync() : null;
        await using var host = azurite is null ? null : await StartHostAsync(azurite.ConnectionString);
        var baseUrl = host?.BaseUrl ?? options.ExternalUrl!;
        var storage = azurite?.ConnectionString ?? options.ExternalStorage;
        var serverPid = host?.Pid ?? options.ExternalServerPid;
        var server = serverPid is { } pid ? new ProcessMeter(pid) : null;
        var measured = Measured(server, azurite?.Pid);

        await WarmUpAsync(baseUrl, ct);
        var memoryBefore = server is null ? null : await MemorySample.TakeAsync(server, host?.GcHeapFile);

        await using var desk = new DeskWatch();
        await desk.ConnectAsync(baseUrl, Tenant, ct);
        var assignment = new LatencyRecorder("AssignToMe");
        var ledger = new AckLedger();
        BenchLog.Info($"Opening {options.Chats} chats ({options.RampParallelism} at a time)");
        var rampCpu = new CpuWindow(measured);
        var ramp = await Ramp.OpenAsync(options.Chats, options.RampParallelism,
            (i, token) => ChatPair.OpenAsync(baseUrl, Tenant, i, desk, assignment, ledger, token),
            n => BenchLog.Info($"  {n} chats set up"), ct);
        var rampResult = new RampResult(options.Chats, ramp.Opened.Count, ramp.Failed, ramp.Seconds, ramp.PerSecond, ramp.FailureKinds, rampCpu.CoresUsed());
        BenchLog.Info($"{ramp.Opened.Count} chats open in {ramp.Seconds:0.0} s ({ramp.Failed} failed)");
        var pairs = ramp.Opened;
        try
        {
            var (startToDashboard, neverShown) = await desk.SummarizeAsync(TimeSpan.FromSeconds(10), ct);

            BenchLog.Info($"Steady load: every party sends every {options.Interval.TotalSeconds:0} s for {options.Duration.TotalSeconds:0} s");
            var steady = await SteadyLoad.RunAsync("chat steady", Parties(pairs), options.Interval, options.Duration, measured, ct);
            BenchLog.Info($"  delivery p99 {steady.Delivery.P99Ms:0.0} ms, {steady.AckedPerSecond:0} acked/s, {steady.Failed} failed");

            var memoryAfter = server is null ? null : await MemorySample.TakeAsync(server, host?.GcHeapFile);
            BenchLog.Info($"Timing GetDesk with {pairs.Count} open chats");
            var deskLoad = await DeskLoadTiming.MeasureAsync(baseUrl, Tenant, options.DeskLoads, ct);

            var writers = options.SaturationChats * 2;
            RawInsertOutcome? rawInserts = null, rawTransactions = null;
            if (storage is not null)
            {
                BenchLog.Info($"Raw Azure Table inserts into the same Azurite, {writers} writers, {options.SaturationDuration.TotalSeconds:0} s each shape");
                rawInserts = await RawInsertLoad.RunAsync(storage, RawInsertLoad.Shape.SingleEntity, writers, options.SaturationDuration, measured, ct);
                rawTransactions = await RawInsertLoad.RunAsync(storage, RawInsertLoad.Shape.MessageTransaction, writers, options.SaturationDuration, measured, ct);
                BenchLog.Info($"  {rawInserts.PerSecond:0} inserts/s, {rawTransactions.PerSecond:0} two-row transactions/s");
            }

            BenchLog.Info($"Saturation: {options.SaturationChats} chats, {writers} senders as fast as acks come back");
            var saturation = await SaturationLoad.RunAsync("chat saturation", Parties(pairs.Take(options.SaturationChats)),
                options.SaturationDuration, measured, ct);
            BenchLog.Info($"  {saturation.AckedPerSecond:0} acked messages/s");

            DurabilityOutcome? durability = null;
            if (storage is not null)
            {
                durability = await DurabilityCheck.RunAsync(storage, Tenant, ledger, ct);
                BenchLog.Info($"Storage holds {durability.Acknowledged - durability.AcknowledgedButMissing} of {durability.Acknowledged} acknowledged messages");
            }

            return new ChatPipelineResult
            {
                Ramp = rampResult,
                StartToDashboard = startToDashboard,
                NeverShownOnDashboard = neverShown,
                DeskVersionGaps = desk.VersionGaps,
                Assignment = assignment.Summarize(),
                Steady = steady,
                Memory = memoryBefore is null || memoryAfter is null ? null : new MemoryGrowth(pairs.Count, memoryBefore, memoryAfter),
                DeskLoad = deskLoad,
                RawInserts = rawInserts,
                RawMessageTransactions = rawTransactions,
                Saturation = saturation,
                Durability = durability,
                ConnectionDrops = BenchConnections.Drops,
            };
        }
        finally
        {
            BenchLog.Info("Closing the chat connections");
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (pair, _) => pair.DisposeAsync());
        }
    }

    private async Task<AzuriteServer> StartAzuriteAsync()
    {
        BenchLog.Info("Starting Azurite");
        return await AzuriteServer.StartAsync(options.RepoRoot, runFolder);
    }

    private async Task<ChatHostServer> StartHostAsync(string storage)
    {
        BenchLog.Info("Starting the ChatSupport host (Release build, one process)");
        return await ChatHostServer.StartAsync(options.RepoRoot, runFolder, storage);
    }

    /// <summary>A few chats end to end before measuring, so JIT compilation and first activations are not in the figures.</summary>
    private static async Task WarmUpAsync(Uri baseUrl, CancellationToken ct)
    {
        BenchLog.Info("Warming up");
        await using var desk = new DeskWatch();
        var ramp = await Ramp.OpenAsync(WarmUpChats, WarmUpChats,
            (i, token) => ChatPair.OpenAsync(baseUrl, "warmup", i, desk, new LatencyRecorder("warm-up"), new AckLedger(), token), null, ct);
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
