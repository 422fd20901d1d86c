using ChatSupport.Contracts;
using ChatSupport.Contracts.Agents;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Agents;

[GenerateSerializer]
public sealed record AgentState
{
    [Id(0)] public string? DisplayName { get; init; }
    [Id(1)] public IReadOnlyList<string> OpenSessionIds { get; init; } = [];
}

/// <summary>
/// An agent. Presence is the set of live connections (kept in memory: it means nothing after a restart);
/// the chats they hold are stored.
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Chat)] IPersistentState<AgentState> state) : Grain, IAgentGrain
{
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);

    public async Task Connected(string connectionId, string displayName)
    {
        _connections.Add(connectionId);
        if (state.State.DisplayName == displayName) return;
        state.State = state.State with { DisplayName = displayName };
        await state.WriteStateAsync();
    }

    public Task Disconnected(string connectionId)
    {
        _connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task ChatAssigned(string sessionId)
    {
        if (state.State.OpenSessionIds.Contains(sessionId)) return;
        state.State = state.State with { OpenSessionIds = [.. state.State.OpenSessionIds, sessionId] };
        await state.WriteStateAsync();
    }

    public async Task ChatReleased(string sessionId)
    {
        if (!state.State.OpenSessionIds.Contains(sessionId)) return;
        state.State = state.State with { OpenSessionIds = state.State.OpenSessionIds.Where(id => id != sessionId).ToList() };
        await state.WriteStateAsync();
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(new AgentSnapshot
    {
        AgentId = GrainKeys.Split(this.GetPrimaryKeyString()).Id,
        DisplayName = state.State.DisplayName,
        Online = _connections.Count > 0,
        OpenSessionIds = state.State.OpenSessionIds,
    });
}
