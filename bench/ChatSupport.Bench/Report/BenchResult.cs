using ChatSupport.Bench.Load;
using ChatSupport.Bench.Measure;
using ChatSupport.Bench.Scenarios;

namespace ChatSupport.Bench.Report;

/// <summary>Everything one run measured; the Markdown report, the plot and results.json are written from it.</summary>
public sealed record BenchResult
{
    public required DateTimeOffset StartedAt { get; init; }
    public required double WallSeconds { get; init; }
    public required MachineInfo Machine { get; init; }
    public required BenchSettings Settings { get; init; }
    public required ChatPipelineResult Chat { get; init; }
    public required RelayBaselineResult? Relay { get; init; }
}

/// <summary>The options as they shaped the run (durations in seconds, for JSON and people alike).</summary>
public sealed record BenchSettings(
    string Command, int Chats, double IntervalSeconds, double DurationSeconds, int SaturationChats, double SaturationSeconds,
    int RampParallelism, string Target)
{
    public static BenchSettings From(BenchOptions o) => new(
        "./chat bench " + o.CommandLine, o.Chats, o.Interval.TotalSeconds, o.Duration.TotalSeconds, o.SaturationChats,
        o.SaturationDuration.TotalSeconds, o.RampParallelism,
        o.ExternalUrl is null ? "one-process host (Release) + Azurite, both started by the bench" : $"external host {o.ExternalUrl}");
}

public sealed record RampResult(int Requested, int Opened, int Failed, double Seconds, double PerSecond,
    IReadOnlyDictionary<string, int> FailureKinds, IReadOnlyDictionary<string, double> CoresUsed);

public sealed record ChatPipelineResult
{
    public required RampResult Ramp { get; init; }
    public required LatencySummary StartToDashboard { get; init; }
    public required int NeverShownOnDashboard { get; init; }
    public required long DeskVersionGaps { get; init; }
    public required LatencySummary Assignment { get; init; }
    public required LoadOutcome Steady { get; init; }
    public required MemoryGrowth? Memory { get; init; }
    public required DeskLoadOutcome DeskLoad { get; init; }
    public required RawInsertOutcome? RawInserts { get; init; }
    public required RawInsertOutcome? RawMessageTransactions { get; init; }
    public required LoadOutcome Saturation { get; init; }
    public required DurabilityOutcome? Durability { get; init; }
    public required long ConnectionDrops { get; init; }
}

public sealed record RelayBaselineResult
{
    public required RampResult Ramp { get; init; }
    public required LoadOutcome Steady { get; init; }
    public required MemoryGrowth Memory { get; init; }
    public required LoadOutcome Saturation { get; init; }
}
