namespace ChatSupport.Contracts.Routing;

/// <summary>An agent the router did not choose for a chat, and why ("away", "offline", "at capacity (5 of 5)").</summary>
[GenerateSerializer, Immutable]
public sealed record SkippedAgent([property: Id(0)] string AgentId, [property: Id(1)] string Why);

/// <summary>
/// Why a chat went to its agent, kept with the chat and shown in its details: the rule (manual, round_robin,
/// least_busy), who decided, the agents that could have taken it and the ones skipped with the reason.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssignmentReason
{
    /// <summary>"manual" for "Assign to Me" / "Assign to…", else the routing mode's wire name.</summary>
    [Id(0)] public required string Rule { get; init; }
    /// <summary>The operator who assigned it, or "router" for auto-assignment.</summary>
    [Id(1)] public required string AssignedBy { get; init; }
    [Id(2)] public IReadOnlyList<string> Considered { get; init; } = [];
    [Id(3)] public IReadOnlyList<SkippedAgent> Skipped { get; init; } = [];
    /// <summary>One sentence for the details panel ("Least busy: 1 open chat, the fewest of 3 online agents.").</summary>
    [Id(4)] public string Summary { get; init; } = "";

    public const string ManualRule = "manual";
    public const string Router = "router";

    public static AssignmentReason Manual(string assignedBy, string assignerName, string agentName, bool self) => new()
    {
        Rule = ManualRule,
        AssignedBy = assignedBy,
        Summary = self ? $"{agentName} took it (Assign to Me)." : $"Assigned to {agentName} by {assignerName}.",
    };
}
