using ChatSupport.Bench.Clients;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Report;

namespace ChatSupport.Bench.Scenarios;

/// <summary>
/// The bare SignalR relay under the very same load as the chat: N pairs, the same steady schedule, the same
/// saturation senders. It runs after the chat host and Azurite have stopped, so it has the machine to itself as they did.
/// </summary>
public sealed class RelayBaselineBench(BenchOptions options, string runFolder)
{
    private const int WarmUpPairs = 20;

    public async Task<RelayBaselineResult> RunAsync(CancellationToken ct)
    {
        BenchLog.Info("Starting the bare SignalR relay server");
        await using var relay = await RelayServerProcess.StartAsync(runFolder);
        var server = new ProcessMeter(relay.Pid);
        List<(string, ProcessMeter)> measured = [("server", server), ("bench", new ProcessMeter(Environment.ProcessId))];

        await WarmUpAsync(relay.BaseUrl, ct);
        var memoryBefore = await MemorySample.TakeAsync(server, relay.GcHeapFile);

        BenchLog.Info($"Opening {options.Chats} relay pairs");
        var rampCpu = new CpuWindow(measured);
        var ramp = await Ramp.OpenAsync(options.Chats, options.RampParallelism, (i, token) => RelayPair.OpenAsync(relay.BaseUrl, i, token),
            n => BenchLog.Info($"  {n} pairs connected"), ct);
        var rampResult = new RampResult(options.Chats, ramp.Opened.Count, ramp.Failed, ramp.Seconds, ramp.PerSecond, ramp.FailureKinds, rampCpu.CoresUsed());
        try
        {
            // As for the chat: memory with every pair open and idle, right after the ramp-up.
            var openWhenMeasured = ramp.Opened.Count(p => p.IsConnected);
            var memoryAfter = await MemorySample.TakeAsync(server, relay.GcHeapFile);

            BenchLog.Info("Relay steady load");
            var steady = await SteadyLoad.RunAsync("relay steady", Parties(ramp.Opened), options.Interval, options.Duration, measured, ct);
            BenchLog.Info($"  delivery p99 {steady.Delivery.P99Ms:0.0} ms");
            BenchLog.Info($"Relay saturation: {options.SaturationChats} pairs");
            var saturation = await SaturationLoad.RunAsync("relay saturation", Parties(ramp.Opened.Take(options.SaturationChats)),
                options.SaturationDuration, measured, ct);
            BenchLog.Info($"  {saturation.AckedPerSecond:0} relayed messages/s");

            return new RelayBaselineResult
            {
                Ramp = rampResult,
                Steady = steady,
                Memory = new MemoryGrowth(openWhenMeasured, memoryBefore, memoryAfter),
                Saturation = saturation,
            };
        }
        finally
        {
            BenchLog.Info("Closing the relay connections");
            await Parallel.ForEachAsync(ramp.Opened, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (pair, _) => pair.DisposeAsync());
        }
    }

    private static async Task WarmUpAsync(Uri baseUrl, CancellationToken ct)
    {
        var ramp = await Ramp.OpenAsync(WarmUpPairs, WarmUpPairs, (i, token) => RelayPair.OpenAsync(baseUrl, 100_000 + i, token), null, ct);
        await SaturationLoad.RunAsync("relay warm-up", Parties(ramp.Opened), TimeSpan.FromSeconds(3), [], ct);
        foreach (var pair in ramp.Opened) await pair.DisposeAsync();
    }

    private static List<IMessageParty> Parties(IEnumerable<RelayPair> pairs) => pairs.SelectMany(p => new[] { p.Visitor, p.Agent }).ToList();
}
