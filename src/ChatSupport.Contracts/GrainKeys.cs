using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts;

/// <summary>
/// Grain keys carry the tenant: "{tenantId}/{id}". Both parts use the id alphabet of
/// <see cref="ChatInput.CheckId"/>, which has no '/', so a key splits back unambiguously.
/// </summary>
public static class GrainKeys
{
    public static string Compose(string tenantId, string id) => $"{tenantId}/{id}";

    public static (string TenantId, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1) throw new ArgumentException($"'{key}' is not a tenant-scoped grain key.", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>A new unguessable id (122 random bits) for sessions and visitors.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}

