using ChatSupport.Contracts.Routing;

namespace ChatSupport.Contracts.People;

/// <summary>An agent, keyed "{tenantId}/{agentId}": presence (live connections and the status they chose), capacity and the chats they hold.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    Task Connected(string connectionId);
    Task Disconnected(string connectionId);

    /// <summary>The agent chose online or away (offline is not a choice: it is having no connection past the grace period).</summary>
    Task<AgentStatus> SetStatus(AgentStatus chosen);

    /// <summary>How many chats the router gives this agent at most; null follows the tenant's default.</summary>
    Task SetCapacity(int? capacity);

    /// <summary>The agent now holds the chat (session event <paramref name="eventSeq"/>); an older event than the last applied one changes nothing.</summary>
    Task Hold(string sessionId, long eventSeq);

    /// <summary>The agent no longer holds the chat (transferred away or ended, at session event <paramref name="eventSeq"/>).</summary>
    Task Release(string sessionId, long eventSeq);

    Task<AgentSnapshot> GetSnapshot();
}

[GenerateSerializer, Immutable]
public sealed record AgentSnapshot
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(2)] public required bool Online { get; init; }
    [Id(3)] public required IReadOnlyList<string> OpenSessionIds { get; init; }
    [Id(4)] public AgentStatus Status { get; init; }
    /// <summary>The agent's own capacity; null follows the tenant's default (<see cref="RoutingSettings.DefaultCapacity"/>).</summary>
    [Id(5)] public int? Capacity { get; init; }
    /// <summary>When the agent last got a chat (least busy breaks ties by the longest idle); null if never.</summary>
    [Id(6)] public DateTimeOffset? LastChatAt { get; init; }
}
