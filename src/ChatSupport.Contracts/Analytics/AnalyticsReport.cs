namespace ChatSupport.Contracts.Analytics;

/// <summary>The analytics of a range: what the page shows and the exports hold (docs/analytics.md).</summary>
[GenerateSerializer, Immutable]
public sealed record AnalyticsReport
{
    [Id(0)] public required string From { get; init; }
    [Id(1)] public required string To { get; init; }
    [Id(2)] public required string TimeZone { get; init; }
    [Id(3)] public required string GroupBy { get; init; }
    [Id(4)] public string? AgentId { get; init; }
    [Id(5)] public required ChatTotals Totals { get; init; }
    [Id(6)] public required DurationStats WaitToAssignment { get; init; }
    [Id(7)] public required DurationStats FirstResponse { get; init; }
    [Id(8)] public required DurationStats ResponseTime { get; init; }
    [Id(9)] public required DurationStats ResolutionTime { get; init; }
    [Id(10)] public required SatisfactionStats Satisfaction { get; init; }
    [Id(11)] public required IReadOnlyList<SeriesPoint> Series { get; init; }
    [Id(12)] public required PeakHours Heatmap { get; init; }
    [Id(13)] public required IReadOnlyList<AgentStats> Agents { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ChatTotals
{
    [Id(0)] public long Started { get; init; }
    [Id(1)] public long Assigned { get; init; }
    [Id(2)] public long Resolved { get; init; }
    [Id(3)] public long Abandoned { get; init; }
    [Id(4)] public long Missed { get; init; }
    /// <summary>Reopens of resolved chats (docs/analytics.md).</summary>
    [Id(5)] public long Reopened { get; init; }
    /// <summary>Response-time targets met and missed in the period, and met ÷ (met + missed) (docs/analytics.md, "Targets").</summary>
    [Id(80)] public long TargetsMet { get; init; }
    [Id(81)] public long TargetsMissed { get; init; }
    [Id(82)] public double? TargetsMetShare { get; init; }
}

/// <summary>Durations in whole seconds: mean, and median and p90 by nearest rank; the share within the target where there is one.</summary>
[GenerateSerializer, Immutable]
public sealed record DurationStats
{
    [Id(0)] public long N { get; init; }
    [Id(1)] public double? Mean { get; init; }
    [Id(2)] public long? Median { get; init; }
    [Id(3)] public long? P90 { get; init; }
    [Id(4)] public double? WithinTarget { get; init; }
    [Id(5)] public long? TargetSeconds { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SatisfactionStats
{
    [Id(0)] public long Ratings { get; init; }
    /// <summary>Share of ratings with 4 or 5 stars.</summary>
    [Id(1)] public double? Csat { get; init; }
    [Id(2)] public double? MeanStars { get; init; }
    /// <summary>How many ratings of 1, 2, 3, 4 and 5 stars.</summary>
    [Id(3)] public required IReadOnlyList<long> Distribution { get; init; }
    /// <summary>Ratings ÷ chats resolved in the period.</summary>
    [Id(4)] public double? ResponseRate { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SeriesPoint
{
    /// <summary>The group's local start, ISO 8601 with its offset.</summary>
    [Id(0)] public required string Start { get; init; }
    [Id(1)] public long Started { get; init; }
    [Id(2)] public long Assigned { get; init; }
    [Id(3)] public long Resolved { get; init; }
    [Id(4)] public long Abandoned { get; init; }
    [Id(5)] public long Missed { get; init; }
    [Id(6)] public long? FirstResponseMedian { get; init; }
    [Id(7)] public long? ResolutionMedian { get; init; }
    [Id(8)] public long Ratings { get; init; }
    [Id(9)] public double? Csat { get; init; }
    [Id(10)] public long Reopened { get; init; }
    [Id(80)] public long TargetsMet { get; init; }
    [Id(81)] public long TargetsMissed { get; init; }
}

/// <summary>Chats started (or, for one agent, taken) per local weekday (Monday first) × hour, and the busiest hours in words.</summary>
[GenerateSerializer, Immutable]
public sealed record PeakHours
{
    [Id(0)] public required IReadOnlyList<string> Days { get; init; }
    [Id(1)] public required IReadOnlyList<IReadOnlyList<long>> Started { get; init; }
    [Id(2)] public required IReadOnlyList<string> Busiest { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AgentStats
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public string? AgentName { get; init; }
    [Id(2)] public long Handled { get; init; }
    [Id(3)] public long TransfersIn { get; init; }
    [Id(4)] public long TransfersOut { get; init; }
    [Id(5)] public long Resolved { get; init; }
    [Id(6)] public required DurationStats FirstResponse { get; init; }
    [Id(7)] public required DurationStats ResponseTime { get; init; }
    [Id(8)] public long Ratings { get; init; }
    [Id(9)] public double? Csat { get; init; }
    [Id(10)] public double? MeanStars { get; init; }
    [Id(11)] public long Reopened { get; init; }
    [Id(80)] public long TargetsMet { get; init; }
    [Id(81)] public long TargetsMissed { get; init; }
    [Id(82)] public double? TargetsMetShare { get; init; }
}
