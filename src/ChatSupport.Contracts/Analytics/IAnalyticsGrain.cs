using Orleans.Concurrency;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Analytics;

/// <summary>
/// One tenant's analytics (docs/analytics.md), keyed by tenant id: aggregates kept from the session events in
/// quarter-hour buckets, and the report over any range, grouping, time zone and agent.
/// </summary>
public interface IAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a session event exactly once (a redelivered one changes nothing); throws when it could not be stored.
    /// Interleaved: the events waiting at the grain are stored together, one transaction for many (AnalyticsGrain).
    /// </summary>
    [AlwaysInterleave]
    Task Apply(ChatEventEnvelope e);

    /// <summary>
    /// Counts the archived chats whose events never reached analytics (resolved before it existed); returns how many.
    /// Runs by itself once per tenant; again, it adds only what is not counted yet.
    /// </summary>
    Task<int> Backfill();

    /// <summary>
    /// The report, or invalid_input (nothing read) for a bad range, time zone or grouping. Interleaved: it only reads
    /// the buckets in memory, without awaiting, so it never waits behind a backfill or a batch being stored.
    /// </summary>
    [AlwaysInterleave]
    Task<ChatResult<AnalyticsReport>> Report(AnalyticsQuery query);
}

/// <summary>What the report covers: local dates <see cref="From"/>..<see cref="To"/> (both included) in <see cref="TimeZone"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record AnalyticsQuery
{
    public const int MaxDays = 400;

    [Id(0)] public required string From { get; init; }
    [Id(1)] public required string To { get; init; }
    [Id(2)] public string TimeZone { get; init; } = "UTC";
    /// <summary><c>hour</c>, <c>day</c> or <c>week</c> (ISO weeks, Monday first).</summary>
    [Id(3)] public string GroupBy { get; init; } = "day";
    /// <summary>Only this agent's chats (docs/analytics.md says what an agent is credited with); null for the whole team.</summary>
    [Id(4)] public string? AgentId { get; init; }
}
