using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Routing;

/// <summary>How waiting chats reach agents: manual ("Assign to Me" only), round robin, or least busy.</summary>
[GenerateSerializer]
public enum RoutingMode
{
    Manual = 0,
    RoundRobin = 1,
    LeastBusy = 2,
}

/// <summary>Which waiting chat the router hands out first.</summary>
[GenerateSerializer]
public enum QueueOrder
{
    /// <summary>Oldest start first.</summary>
    Arrival = 0,
    /// <summary>The chat that has waited longest in the queue first (a re-routed chat counts from when it came back).</summary>
    LongestWaiting = 1,
    /// <summary>The chat whose running target ends soonest first.</summary>
    SoonestTarget = 2,
}

/// <summary>Response-time targets in seconds; null is "off".</summary>
[GenerateSerializer, Immutable]
public sealed record ResponseTargets
{
    [Id(0)] public int? AssignmentSeconds { get; init; } = 120;
    [Id(1)] public int? FirstReplySeconds { get; init; } = 180;
    [Id(2)] public int? NextReplySeconds { get; init; } = 180;
    [Id(3)] public int? ResolutionSeconds { get; init; }
    /// <summary>
    /// Count the targets in working hours only (the workspace's settings): a chat left at closing time is due the
    /// same number of open seconds later, the next working day. No effect while working hours are off.
    /// </summary>
    [Id(4)] public bool WorkingHoursOnly { get; init; }
}

/// <summary>
/// A tenant's routing rules and response-time targets (the Team page's "Routing &amp; targets"), kept in the tenant's
/// router grain and versioned: every save counts <see cref="Version"/> up and is recorded in the audit log.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoutingSettings
{
    [Id(0)] public RoutingMode Mode { get; init; } = RoutingMode.Manual;
    /// <summary>Chats an agent holds at most before the router skips them; an agent's own capacity overrides it.</summary>
    [Id(1)] public int DefaultCapacity { get; init; } = RoutingLimits.DefaultCapacity;
    [Id(2)] public QueueOrder QueueOrder { get; init; } = QueueOrder.Arrival;
    /// <summary>An assigned chat without an agent reply this long goes back to the router; null (the default) is off.</summary>
    [Id(3)] public int? ReRouteAfterSeconds { get; init; }
    [Id(4)] public ResponseTargets Targets { get; init; } = new();
    [Id(5)] public long Version { get; init; }

    /// <summary>The first thing wrong with these settings, as the sentence an admin reads; null when they are fine.</summary>
    public ChatError? Check()
    {
        if (!Enum.IsDefined(Mode)) return ChatErrors.InvalidInput("The routing mode must be manual, round_robin or least_busy.");
        if (!Enum.IsDefined(QueueOrder)) return ChatErrors.InvalidInput("The queue order must be arrival, longest_waiting or soonest_target.");
        if (RoutingLimits.CheckCapacity(DefaultCapacity) is { } badCapacity) return badCapacity;
        if (ReRouteAfterSeconds is { } reRoute && reRoute is < RoutingLimits.ShortestTargetSeconds or > RoutingLimits.LongestTargetSeconds)
            return ChatErrors.InvalidInput($"Re-route after {RoutingLimits.ShortestTargetSeconds} to {RoutingLimits.LongestTargetSeconds} seconds, or turn it off.");
        if (Targets is null) return ChatErrors.InvalidInput("Give the response-time targets.");
        foreach (var (name, seconds) in new[] { ("assignment", Targets.AssignmentSeconds), ("first reply", Targets.FirstReplySeconds), ("next reply", Targets.NextReplySeconds), ("resolution", Targets.ResolutionSeconds) })
            if (seconds is { } s && s is < RoutingLimits.ShortestTargetSeconds or > RoutingLimits.LongestTargetSeconds)
                return ChatErrors.InvalidInput($"The {name} target must be {RoutingLimits.ShortestTargetSeconds} to {RoutingLimits.LongestTargetSeconds} seconds, or off.");
        return null;
    }
}

public static class RoutingLimits
{
    public const int DefaultCapacity = 5;
    public const int MinCapacity = 1;
    public const int MaxCapacity = 50;
    public const int ShortestTargetSeconds = 10;
    public const int LongestTargetSeconds = 7 * 24 * 3600;
    /// <summary>Re-route's wait when an admin turns it on without a number.</summary>
    public const int DefaultReRouteSeconds = 120;

    public static ChatError? CheckCapacity(int capacity) => capacity is < MinCapacity or > MaxCapacity
        ? ChatErrors.InvalidInput($"An agent's capacity is {MinCapacity} to {MaxCapacity} chats.")
        : null;
}
