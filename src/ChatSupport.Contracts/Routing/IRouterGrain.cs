using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Routing;

/// <summary>What one routing pass did: the chats it assigned (session id → agent id) and how many still wait.</summary>
[GenerateSerializer, Immutable]
public sealed record RoutingPass(
    [property: Id(0)] IReadOnlyDictionary<string, string> Assigned,
    [property: Id(1)] int StillWaiting);

/// <summary>
/// A tenant's router (keyed by tenant id): keeps the routing settings, and hands waiting chats to available agents by
/// the tenant's rule. It reads the desk (the waiting queue) and the agents (presence, open chats, capacity), and
/// assigns only through the session grain's own assign command, so a chat still has exactly one owner when agents
/// race "Assign to Me" against it.
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>Interleaves: a long pass (1,000 chats) does not hold up the settings page.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RoutingSettings> GetSettings();

    /// <summary>Checks and stores new settings (recorded in the audit log as <paramref name="actor"/>'s change); refused with invalid_input, nothing changed.</summary>
    Task<ChatResult<RoutingSettings>> SaveSettings(string actor, RoutingSettings settings);

    /// <summary>
    /// Something may have made an assignment possible (a chat started, an agent came online, a slot freed up): a pass
    /// runs soon. One-way, so a session or agent grain that tells the router never waits on it (the router waits on them).
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task Nudge();

    /// <summary>Runs a pass now and says what it did (the periodic sweep runs the same).</summary>
    Task<RoutingPass> Sweep();
}
