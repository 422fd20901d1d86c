namespace ChatSupport.Contracts.People;

/// <summary>An agent, keyed "{tenantId}/{agentId}": presence (live connections) and the chats they hold.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    Task Connected(string connectionId);
    Task Disconnected(string connectionId);

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
}
