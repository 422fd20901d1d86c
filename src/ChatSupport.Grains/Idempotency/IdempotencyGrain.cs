using ChatSupport.Contracts.Idempotency;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Idempotency;

[GenerateSerializer]
public sealed record IdempotencyState
{
    [Id(0)] public string? Fingerprint { get; init; }
    [Id(1)] public StoredReply? Reply { get; init; }
    [Id(2)] public DateTimeOffset StoredAt { get; init; }
}

/// <summary>
/// An idempotency key's first request and answer, in grain storage (one row per key). The running attempt is held in
/// memory only: if this activation dies mid-write, the retry runs again, and the chat's own idempotency (a message's
/// client id, a note's client id, the state machine refusing a second assign) keeps that from doubling anything.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.Chat)] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyGrain
{
    private string? _running;

    public Task<IdempotencyCheck> Begin(string fingerprint)
    {
        var stored = state.State;
        if (stored.Reply is not null && DateTimeOffset.UtcNow - stored.StoredAt < IdempotencyLimits.Retention)
            return Task.FromResult(stored.Fingerprint == fingerprint
                ? new IdempotencyCheck(IdempotencyOutcome.Replay, stored.Reply)
                : new IdempotencyCheck(IdempotencyOutcome.Reused));
        if (_running is not null)
            return Task.FromResult(new IdempotencyCheck(_running == fingerprint ? IdempotencyOutcome.InUse : IdempotencyOutcome.Reused));
        _running = fingerprint;
        return Task.FromResult(new IdempotencyCheck(IdempotencyOutcome.Proceed));
    }

    public async Task Complete(string fingerprint, StoredReply reply)
    {
        if (_running != fingerprint) return;
        var before = state.State;
        state.State = new IdempotencyState { Fingerprint = fingerprint, Reply = reply, StoredAt = DateTimeOffset.UtcNow };
        try { await state.WriteStateAsync(); }
        catch { state.State = before; throw; }
        finally { _running = null; }
    }

    public Task Abandon(string fingerprint)
    {
        if (_running == fingerprint) _running = null;
        return Task.CompletedTask;
    }
}
