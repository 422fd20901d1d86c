using System.Diagnostics;
using System.Runtime.InteropServices;
using ChatSupport.Bench.Hosting;
using ChatSupport.Bench.Report;
using ChatSupport.Bench.Scenarios;

namespace ChatSupport.Bench;

/// <summary>One benchmark run: the chat pipeline, then the bare relay, then the report. Every process it starts is stopped on the way out.</summary>
public static class BenchRun
{
    public static Task<int> RunAsync(BenchOptions options) => GuardedAsync(async ct =>
    {
        var startedAt = DateTimeOffset.Now;
        var runFolder = Path.Combine(options.OutputFolder, $"{startedAt:yyyyMMdd-HHmmss}-{options.Chats}-chats");
        Directory.CreateDirectory(runFolder);
        BenchLog.Info($"Benchmark run: {options.Chats} chats; report and logs in {runFolder}");
        var clock = Stopwatch.StartNew();
        var chat = await new ChatPipelineBench(options, runFolder).RunAsync(ct);
        var relay = await new RelayBaselineBench(options, runFolder).RunAsync(ct);
        var result = new BenchResult
        {
            StartedAt = startedAt,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Machine = MachineInfo.Read(),
            Settings = BenchSettings.From(options),
            Chat = chat,
            Relay = relay,
        };
        var report = await ReportWriter.WriteAsync(result, runFolder);
        Console.WriteLine();
        Console.WriteLine(await File.ReadAllTextAsync(report));
        BenchLog.Info($"Report: {report}");
        return 0;
    });

    /// <summary><c>./chat bench routing [--chats N] [--parallel P]</c>: chat start → auto-assigned (docs/benchmarks.md, "Routing").</summary>
    public static Task<int> RunRoutingAsync(BenchArgs args) => GuardedAsync(async ct =>
    {
        var chats = args.Int("chats", 1000);
        var parallel = Math.Max(1, args.Int("parallel", 32));
        args.ThrowOnUnknown();
        var repo = RepoPaths.FindRoot();
        var runFolder = Path.Combine(repo, "bench", "results", $"{DateTimeOffset.Now:yyyyMMdd-HHmmss}-routing-{chats}-chats");
        Directory.CreateDirectory(runFolder);
        await new RoutingBench(repo, runFolder, chats, parallel).RunAsync(ct);
        return 0;
    });

    /// <summary><c>./chat bench analytics</c> (docs/benchmarks.md, "Analytics").</summary>
    public static Task<int> RunAnalyticsAsync(Analytics.AnalyticsOptions options) => GuardedAsync(ct => new Analytics.AnalyticsBench(options).RunAsync(ct));

    /// <summary>Runs a scenario so that Ctrl+C, SIGTERM and failures all end with every started process stopped.</summary>
    private static async Task<int> GuardedAsync(Func<CancellationToken, Task<int>> run)
    {
        using var stop = new CancellationTokenSource();
        // Ctrl+C or SIGTERM: unwind through the finally blocks (they stop the servers) instead of dying on the spot.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            return await run(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            BenchLog.Info("Stopped before the end; no report.");
            return 130;
        }
        catch (Exception e)
        {
            BenchLog.Info($"The run failed, no report (server logs are in the run folder under bench/results): {e}");
            return 1;
        }
        finally
        {
            // Normally each server is already stopped by its own dispose; this catches anything a failure left behind.
            ChildProcesses.StopAll();
        }
    }
}
