using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.Contracts.ApiKeys;

/// <summary>
/// A key reads <c>csk.{tenant, base64url}.{key id}.{secret}</c>: the tenant and id say which grain holds its hash (no
/// global index to keep), the secret is 32 random bytes (base64url, 43 characters). Base64url has no '.', so it splits
/// back unambiguously. Everything before the secret is the key's public prefix.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "csk";

    public static string Compose(string tenantId, string keyId, string secret) => $"{PrefixOf(tenantId, keyId)}.{secret}";

    public static string PrefixOf(string tenantId, string keyId) => $"{Marker}.{Base64Url(Encoding.UTF8.GetBytes(tenantId))}.{keyId}";

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The parts of a well-formed key; false for anything else (then it is simply not a key).</summary>
    public static bool TryParse(string? key, out string tenantId, out string keyId, out string secret)
    {
        tenantId = keyId = secret = "";
        var parts = (key ?? "").Split('.');
        if (parts is not [Marker, var tenant, var id, var s] || tenant.Length is 0 or > 200 || id.Length is 0 or > 64 || s.Length != 43) return false;
        try { tenantId = Encoding.UTF8.GetString(Convert.FromBase64String(FromBase64Url(tenant))); }
        catch (FormatException) { return false; }
        if (Sessions.ChatInput.CheckId(tenantId, "tenant") is not null || Sessions.ChatInput.CheckId(id, "key") is not null) return false;
        keyId = id;
        secret = s;
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
