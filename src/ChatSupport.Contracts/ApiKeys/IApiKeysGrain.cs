using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.ApiKeys;

/// <summary>What a key may do on REST API v1: each route needs one scope, and a key holds the scopes it was given (none implies another).</summary>
public static class ApiKeyScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];
}

/// <summary>One key as the API keys page lists it: never its secret, which is shown once when it is created and then only its hash is kept.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required IReadOnlyList<string> Scopes { get; init; }
    /// <summary>The key's public start (everything before its secret): how an admin tells which key a log line or a caller means.</summary>
    [Id(3)] public required string Prefix { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The operator who created it.</summary>
    [Id(5)] public required string CreatedBy { get; init; }
    /// <summary>The last authenticated use, to the minute (uses within a minute of the last one stored are not written again).</summary>
    [Id(6)] public DateTimeOffset? LastUsedAt { get; init; }
    [Id(7)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(8)] public string? RevokedBy { get; init; }
}

/// <summary>What "Create key" answers: the key's row and the whole key, shown this once.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatedApiKey([property: Id(0)] ApiKeyInfo Key, [property: Id(1)] string Secret);

/// <summary>
/// The tenant's API keys (keyed by tenant id), in grain storage: name, scopes, who made it and when, last use, and the
/// SHA-256 of the key's secret part; never the secret itself.
/// </summary>
public interface IApiKeysGrain : IGrainWithStringKey
{
    /// <summary>Every key, revoked ones too (the page shows them greyed), newest first.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> List();

    /// <summary>A new key with a 256-bit random secret; the answer is the only place its secret ever appears.</summary>
    Task<ChatResult<CreatedApiKey>> Create(string name, IReadOnlyList<string> scopes, string createdBy);

    /// <summary>Revokes at once: the next request with the key is refused. Revoking twice is refused (nothing changes).</summary>
    Task<ChatResult<ApiKeyInfo>> Revoke(string keyId, string revokedBy);

    /// <summary>The live key whose secret hashes to <paramref name="secretHash"/>, or null (unknown, wrong secret or revoked).</summary>
    Task<ApiKeyInfo?> Authenticate(string keyId, byte[] secretHash);
}

public static class ApiKeyLimits
{
    public const int NameMaxLength = 80;
    public const int MaxKeys = 50;
}
