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
    int ChatsPerOperator, int RampParallelism, string Target)
{
    public static BenchSettings From(BenchOptions o) => new(
        "./chat bench " + o.CommandLine, o.Chats, o.Interval.TotalSeconds, o.Duration.TotalSeconds, o.SaturationChats,
        o.SaturationDuration.TotalSeconds, o.ChatsPerOperator, o.RampParallelism,
        o.ExternalUrl is not null ? $"external host {o.ExternalUrl}"
        : o.AzuriteInMemory ? "one-process host (Release) + Azurite with --inMemoryPersistence (diagnosis), both started by the bench"
        : "one-process host (Release) + Azurite, both started by the bench");
}

public sealed record RampResult(int Requested, int Opened, int Failed, double Seconds, double PerSecond,
    IReadOnlyDictionary<string, int> FailureKinds, IReadOnlyDictionary<string, double> CoresUsed);

public sealed record ChatPipelineResult
{
    /// <summary>Operators signed in (a few at a time), each carrying ChatsPerOperator agent connections, and how long that took.</summary>
    public required int Operators { get; init; }
    public required double OperatorSignInSeconds { get; init; }
    public required RampResult Ramp { get; init; }
    public required LatencySummary StartToDashboard { get; init; }
    public required int NeverShownOnDashboard { get; init; }
    public required long DeskVersionGaps { get; init; }
    public required LatencySummary Assignment { get; init; }
    public required LatencySummary FirstAgentMessage { get; init; }
    /// <summary>CPU with no chat open (after the warm-up), and with every chat open but no message flowing.</summary>
    public required IReadOnlyDictionary<string, double> IdleCores { get; init; }
    public required IReadOnlyDictionary<string, double> IdleCoresWithChatsOpen { get; init; }
    public required LoadOutcome Steady { get; init; }
    /// <summary>With every chat open and idle, right after the ramp-up: the figure the memory target is judged on.</summary>
    public required MemoryGrowth? Memory { get; init; }
    /// <summary>After the steady phase (its message history and buffers included), over the chats still connected then.</summary>
    public required MemoryGrowth? MemoryAfterSteady { get; init; }
    public required DeskLoadOutcome? DeskLoad { get; init; }
    public required RawInsertOutcome? RawInserts { get; init; }
    public required RawInsertOutcome? RawMessageTransactions { get; init; }
    public required LoadOutcome? Saturation { get; init; }
    /// <summary>The open chats offered 3 × the saturation rate (open loop), after the saturation phase.</summary>
    public Load.OverloadOutcome? Overload { get; init; }
    public required DurabilityOutcome? Durability { get; init; }
    public required long ConnectionDrops { get; init; }
    /// <summary>Measurements that could not be taken, and why (the run goes on without them).</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    /// <summary>Chats started, resolved and rated during the steady phase, when the run's shape asks for them.</summary>
    public Clients.ChurnOutcome? Churn { get; init; }
    /// <summary>Chats started today as the tenant's analytics report counts them (after a steady-only run): shows whether analytics was on.</summary>
    public long? AnalyticsChatsStarted { get; init; }
}

public sealed record RelayBaselineResult
{
    public required RampResult Ramp { get; init; }
    public required LoadOutcome Steady { get; init; }
    public required MemoryGrowth Memory { get; init; }
    public required LoadOutcome Saturation { get; init; }
}
