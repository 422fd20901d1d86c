using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Routing;
using ChatSupport.Grains.Routing;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Options;

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

    /// <summary>What the agent chose (online or away); kept across sign-ins, as Intercom and Chatwoot keep it.</summary>
    [Id(4)] public AgentStatus Chosen { get; init; } = AgentStatus.Online;
    [Id(5)] public int? Capacity { get; init; }
    [Id(6)] public DateTimeOffset? LastChatAt { get; init; }
}

/// <summary>
/// An agent. Presence is the set of live connections (kept in memory: it means nothing after a restart) and the
/// status they chose (stored); with no connection for longer than the grace period they are offline. The chats they
/// hold are stored, kept by <see cref="AgentEventConsumer"/> from the sessions' events. Becoming available for chats
/// nudges the tenant's router (one-way: the router calls agents, never the other way round and wait).
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Chat)] IPersistentState<AgentState> state,
    TimeProvider clock,
    IOptions<RoutingOptions> routing) : Grain, IAgentGrain
{
    public const int ReleasedKept = 200;

    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    /// <summary>When the last connection closed; the agent keeps their status for the grace period after it.</summary>
    private DateTimeOffset? _lastConnectionClosedAt;

    private AgentStatus Status =>
        _connections.Count > 0 || _lastConnectionClosedAt is { } closed && clock.GetUtcNow() - closed < routing.Value.PresenceGrace
            ? state.State.Chosen
            : AgentStatus.Offline;

    public Task Connected(string connectionId)
    {
        var before = Status;
        _connections.Add(connectionId);
        // Live connections are only in memory: an idle-collected agent would look offline while their dashboard is open.
        DelayDeactivation(TimeSpan.FromDays(1));
        if (before != AgentStatus.Online && Status == AgentStatus.Online) NudgeRouter();
        return Task.CompletedTask;
    }

    public Task Disconnected(string connectionId)
    {
        if (_connections.Remove(connectionId) && _connections.Count == 0) _lastConnectionClosedAt = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task<AgentStatus> SetStatus(AgentStatus chosen)
    {
        if (chosen == AgentStatus.Offline) throw new ArgumentException("Offline is not a status to choose.", nameof(chosen));
        if (state.State.Chosen != chosen) await WriteAsync(state.State with { Chosen = chosen });
        if (Status == AgentStatus.Online) NudgeRouter();
        return Status;
    }

    public async Task SetCapacity(int? capacity)
    {
        if (capacity is { } c && RoutingLimits.CheckCapacity(c) is { } bad) throw new ArgumentException(bad.Message, nameof(capacity));
        if (state.State.Capacity == capacity) return;
        await WriteAsync(state.State with { Capacity = capacity });
        NudgeRouter();
    }

    private void NudgeRouter() => GrainFactory.GetGrain<IRouterGrain>(GrainKeys.Split(this.GetPrimaryKeyString()).TenantId).Nudge();

    public async Task Hold(string sessionId, long eventSeq)
    {
        var s = state.State;
        if (s.Held.GetValueOrDefault(sessionId) >= eventSeq || s.Released.GetValueOrDefault(sessionId) >= eventSeq) return;
        var held = new Dictionary<string, long>(s.Held) { [sessionId] = eventSeq };
        var released = s.Released.Where(p => p.Key != sessionId).ToDictionary();
        await WriteAsync(s with { Held = held, Released = released, LastChatAt = clock.GetUtcNow() });
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
        Status = Status,
        Capacity = state.State.Capacity,
        LastChatAt = state.State.LastChatAt,
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
