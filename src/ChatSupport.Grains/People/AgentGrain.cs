using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.People;

[GenerateSerializer]
public sealed record AgentState
{
    /// <summary>The chats the agent holds, each with the session event that gave it to them.</summary>
    [Id(2)] public IReadOnlyDictionary<string, long> Held { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Chats let go recently, with the event that did it: a late copy of an older "assigned" event (events are delivered
    /// at least once) must not give the chat back. Only the newest <see cref="AgentGrain.ReleasedKept"/> are kept.
    /// </summary>
    [Id(3)] public IReadOnlyDictionary<string, long> Released { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// An agent. Presence is the set of live connections (kept in memory: it means nothing after a restart);
/// the chats they hold are stored, kept by <see cref="AgentEventConsumer"/> from the sessions' events.
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Chat)] IPersistentState<AgentState> state) : Grain, IAgentGrain
{
    public const int ReleasedKept = 200;

    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);

    public Task Connected(string connectionId)
    {
        _connections.Add(connectionId);
        return Task.CompletedTask;
    }

    public Task Disconnected(string connectionId)
    {
        _connections.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task Hold(string sessionId, long eventSeq)
    {
        var s = state.State;
        if (s.Held.GetValueOrDefault(sessionId) >= eventSeq || s.Released.GetValueOrDefault(sessionId) >= eventSeq) return;
        var held = new Dictionary<string, long>(s.Held) { [sessionId] = eventSeq };
        var released = s.Released.Where(p => p.Key != sessionId).ToDictionary();
        await WriteAsync(s with { Held = held, Released = released });
    }

    public async Task Release(string sessionId, long eventSeq)
    {
        var s = state.State;
        if (s.Held.GetValueOrDefault(sessionId) >= eventSeq || s.Released.GetValueOrDefault(sessionId) >= eventSeq) return;
        var held = s.Held.Where(p => p.Key != sessionId).ToDictionary();
        // Newest releases are kept; the oldest go first (event numbers of different sessions do not compare, so by order of arrival).
        var released = s.Released.Where(p => p.Key != sessionId).TakeLast(ReleasedKept - 1).Append(new(sessionId, eventSeq)).ToDictionary();
        await WriteAsync(s with { Held = held, Released = released });
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(new AgentSnapshot
    {
        AgentId = GrainKeys.Split(this.GetPrimaryKeyString()).Id,
        Online = _connections.Count > 0,
        OpenSessionIds = state.State.Held.Keys.ToList(),
    });

    private async Task WriteAsync(AgentState next)
    {
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not applied: the session delivers the event again.
            state.State = before;
            throw;
        }
    }
}
