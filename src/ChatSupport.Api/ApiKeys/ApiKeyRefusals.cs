using ChatSupport.Contracts.Tenants;

namespace ChatSupport.Api.ApiKeys;

/// <summary>REST API v1's own refusals at the door (docs/protocol.md, "REST API v1"): no key, a key that opens nothing, a scope missing.</summary>
public static class ApiKeyRefusals
{
    public static AccessRefusal KeyRequired() => new(401, "api_key_required", "REST API v1 needs an API key: send \"Authorization: Bearer <key>\".");
    /// <summary>Unknown, malformed, wrong and revoked keys get the same answer: the refusal tells a guesser nothing.</summary>
    public static AccessRefusal KeyInvalid() => new(401, "api_key_invalid", "That API key is unknown or was revoked.");
    public static AccessRefusal ScopeRequired(string scope) => new(403, "api_key_scope_required", $"This API key lacks the {scope} scope.");
}
