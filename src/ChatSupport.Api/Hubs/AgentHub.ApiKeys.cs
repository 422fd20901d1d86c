using System.Text.Json;
using ChatSupport.Contracts.ApiKeys;
using ChatSupport.Contracts.Audit;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The API keys page (System Admins: every agent is one): list, create (the key is in this answer only) and revoke. Both
/// changes go to the audit log with the key's name, scopes and public prefix, never its secret.
/// </summary>
public sealed partial class AgentHub
{
    public const string ApiKeysArea = "api_keys";

    public Task<IReadOnlyList<ApiKeyInfo>> GetApiKeys() => ApiKeys.List();

    public async Task<CreatedApiKey> CreateApiKey(string name, string[] scopes)
    {
        var created = (await ApiKeys.Create(name, scopes ?? [], Me.Caller.Id)).OrThrow();
        await ApiKeyAuditAsync("api_key_created", created.Key, null);
        return created;
    }

    public async Task<ApiKeyInfo> RevokeApiKey(string keyId)
    {
        var revoked = (await ApiKeys.Revoke(keyId, Me.Caller.Id)).OrThrow();
        await ApiKeyAuditAsync("api_key_revoked", revoked, "live");
        return revoked;
    }

    private IApiKeysGrain ApiKeys => grains.GetGrain<IApiKeysGrain>(Me.TenantId);

    private Task ApiKeyAuditAsync(string action, ApiKeyInfo key, string? before) =>
        grains.GetGrain<IAuditLogGrain>(Me.TenantId).Record(new AuditEntry(DateTimeOffset.UtcNow, Me.Caller.Id, ApiKeysArea, action, key.Prefix, before,
            key.RevokedAt is null ? JsonSerializer.Serialize(new { name = key.Name, scopes = key.Scopes, prefix = key.Prefix }) : "revoked"));
}
