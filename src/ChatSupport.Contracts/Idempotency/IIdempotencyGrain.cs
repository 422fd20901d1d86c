namespace ChatSupport.Contracts.Idempotency;

/// <summary>The answer a write gave, kept for its idempotency key: status and JSON body, replayed as they were.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredReply([property: Id(0)] int Status, [property: Id(1)] string Body);

public enum IdempotencyOutcome
{
    /// <summary>First use of the key (or its answer expired): do the write, then <see cref="IIdempotencyGrain.Complete"/>.</summary>
    Proceed,
    /// <summary>The same request came before: answer <see cref="IdempotencyCheck.Reply"/> again, do nothing.</summary>
    Replay,
    /// <summary>The key was used for another request: 409 idempotency_key_reused.</summary>
    Reused,
    /// <summary>The first request with the key is still running: 409 idempotency_key_in_use, retry later.</summary>
    InUse,
}

[GenerateSerializer, Immutable]
public sealed record IdempotencyCheck([property: Id(0)] IdempotencyOutcome Outcome, [property: Id(1)] StoredReply? Reply = null);

/// <summary>
/// One idempotency key of one API key, keyed "{tenantId}/{keyId}/{idempotencyKey}": the request's fingerprint (method,
/// path, body) and the answer it got, kept for <see cref="IdempotencyLimits.Retention"/>. The grain runs one call at a
/// time, so two racing retries cannot both proceed.
/// </summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    Task<IdempotencyCheck> Begin(string fingerprint);

    /// <summary>Stores the answer (before the caller gets it), so every retry from now on gets the same one.</summary>
    Task Complete(string fingerprint, StoredReply reply);

    /// <summary>The write failed in a way worth retrying (storage, 5xx): forget the attempt, so a retry runs again.</summary>
    Task Abandon(string fingerprint);
}

public static class IdempotencyLimits
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public const int KeyMaxLength = 100;
}
