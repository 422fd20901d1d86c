namespace ChatSupport.Contracts.Agents;

/// <summary>An agent, keyed "{tenantId}/{agentId}": presence (live connections) and the chats they hold.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    Task Connected(string connectionId, string displayName);
    Task Disconnected(string connectionId);
    Task ChatAssigned(string sessionId);
    Task ChatReleased(string sessionId);
    Task<AgentSnapshot> GetSnapshot();
}

[GenerateSerializer, Immutable]
public sealed record AgentSnapshot
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public string? DisplayName { get; init; }
    [Id(2)] public required bool Online { get; init; }
    [Id(3)] public required IReadOnlyList<string> OpenSessionIds { get; init; }
}
