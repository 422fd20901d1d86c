using System.Security.Cryptography;
using ChatSupport.Contracts.ApiKeys;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.ApiKeys;

[GenerateSerializer]
public sealed record StoredApiKey
{
    [Id(0)] public required ApiKeyInfo Info { get; init; }
    /// <summary>SHA-256 of the secret: a stolen table gives no usable key (the secret has 256 random bits, so no guessing back).</summary>
    [Id(1)] public required byte[] SecretHash { get; init; }
}

[GenerateSerializer]
public sealed record ApiKeysState
{
    [Id(0)] public IReadOnlyList<StoredApiKey> Keys { get; init; } = [];
}

/// <summary>
/// The tenant's API keys in grain storage (one Azure Table row per tenant): few (at most 50), read on every REST call
/// from memory, changed rarely. "Last used" is kept to the minute, so a busy key does not write on every request.
/// </summary>
public sealed class ApiKeysGrain(
    [PersistentState("apiKeys", StorageNames.Chat)] IPersistentState<ApiKeysState> state) : Grain, IApiKeysGrain
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private string Tenant => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<ApiKeyInfo>> List() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(state.State.Keys.Select(k => k.Info).OrderByDescending(k => k.CreatedAt).ToList());

    public async Task<ChatResult<CreatedApiKey>> Create(string name, IReadOnlyList<string> scopes, string createdBy)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > ApiKeyLimits.NameMaxLength)
            return ChatErrors.InvalidInput($"name is 1–{ApiKeyLimits.NameMaxLength} characters.");
        var chosen = (scopes ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Any(s => !ApiKeyScopes.All.Contains(s)))
            return ChatErrors.InvalidInput($"scopes is one or more of {string.Join(", ", ApiKeyScopes.All)}.");
        if (state.State.Keys.Count(k => k.Info.RevokedAt is null) >= ApiKeyLimits.MaxKeys)
            return ChatErrors.InvalidInput($"A workspace can keep at most {ApiKeyLimits.MaxKeys} live keys: revoke one first.");

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = ApiKeyFormat.NewSecret();
        var info = new ApiKeyInfo
        {
            Id = id, Name = name, Scopes = ApiKeyScopes.All.Where(chosen.Contains).ToList(), Prefix = ApiKeyFormat.PrefixOf(Tenant, id),
            CreatedAt = DateTimeOffset.UtcNow, CreatedBy = createdBy,
        };
        await WriteAsync([.. state.State.Keys, new StoredApiKey { Info = info, SecretHash = ApiKeyFormat.Hash(secret) }]);
        return new CreatedApiKey(info, ApiKeyFormat.Compose(Tenant, id, secret));
    }

    public async Task<ChatResult<ApiKeyInfo>> Revoke(string keyId, string revokedBy)
    {
        if (ChatInput.CheckId(keyId, "keyId") is { } bad) return bad;
        if (state.State.Keys.FirstOrDefault(k => k.Info.Id == keyId) is not { } key) return new ChatError("unknown_api_key", "No API key has that id.");
        if (key.Info.RevokedAt is not null) return new ChatError("api_key_revoked", "That key is already revoked.");
        var revoked = key with { Info = key.Info with { RevokedAt = DateTimeOffset.UtcNow, RevokedBy = revokedBy } };
        await WriteAsync(state.State.Keys.Select(k => k == key ? revoked : k).ToList());
        return revoked.Info;
    }

    public async Task<ApiKeyInfo?> Authenticate(string keyId, byte[] secretHash)
    {
        var key = state.State.Keys.FirstOrDefault(k => k.Info.Id == keyId);
        // Compared in constant time: the answer's timing says nothing about how much of a guess was right.
        if (key is null || key.Info.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(key.SecretHash, secretHash)) return null;
        var now = DateTimeOffset.UtcNow;
        if (key.Info.LastUsedAt is { } last && now - last < LastUsedResolution) return key.Info;
        var used = key with { Info = key.Info with { LastUsedAt = now } };
        // "Last used" is a hint for the admin: a failed write of it must not refuse the caller.
        try { await WriteAsync(state.State.Keys.Select(k => k == key ? used : k).ToList()); }
        catch (Exception) { return key.Info; }
        return used.Info;
    }

    /// <summary>Writes the new list; on a failed write the old list stays (nothing half-changed).</summary>
    private async Task WriteAsync(IReadOnlyList<StoredApiKey> keys)
    {
        var before = state.State;
        state.State = new ApiKeysState { Keys = keys };
        try { await state.WriteStateAsync(); }
        catch { state.State = before; throw; }
    }
}
