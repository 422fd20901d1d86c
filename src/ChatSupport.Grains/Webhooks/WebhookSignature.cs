using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.Grains.Webhooks;

/// <summary>
/// <c>sha256=</c> + lower-case hex of HMAC-SHA256(secret, timestamp + "." + body), the secret's UTF-8 bytes as the key
/// (docs/operations.md, "Verifying a webhook"). The timestamp is signed with the body, so a receiver that refuses old
/// timestamps refuses a replayed delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>A new secret: 32 random bytes, base64url, with a prefix that tells what it is when found in a config file.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
