using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Attachments;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Attachments;

/// <summary>What a file link opens: one blob, served as this type and name, until this time.</summary>
public sealed record FileLink(string BlobName, string ContentType, string FileName, bool Inline, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived signed links to files (<c>/files/{blob}?…&amp;sig=</c>). The route that serves them reads no cookie and
/// no token: the signature (HMAC-SHA256 over everything the link says, with a key derived from the visitor token key)
/// is the whole permission, and it is minted only for the chat's visitor or an agent of its tenant.
/// </summary>
public sealed class AttachmentLinks(VisitorTokens tokens, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public const string Path = "/files";
    private readonly byte[] _key = tokens.DeriveKey("chatsupport attachment links v1");

    private TimeSpan Lifetime => options.Value.LinkLifetime is var l && l > TimeSpan.Zero && l <= AttachmentOptions.MaxLinkLifetime
        ? l : AttachmentOptions.MaxLinkLifetime;

    /// <summary>A link to the file (a download) or its thumbnail (inline), and when it stops working.</summary>
    public (string Url, DateTimeOffset ExpiresAt) Mint(string tenant, string sessionId, MessageAttachment a, bool thumbnail)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var link = new FileLink(
            AttachmentBlobs.BlobName(tenant, sessionId, a.FileKey, thumbnail ? AttachmentBlobs.ThumbnailBlob : AttachmentBlobs.FileBlob),
            thumbnail ? ThumbnailType(a) : a.ContentType, a.FileName, thumbnail, expires);
        var query = $"type={Uri.EscapeDataString(link.ContentType)}&name={Uri.EscapeDataString(link.FileName)}&inline={(thumbnail ? 1 : 0)}"
                    + $"&exp={expires.ToUnixTimeSeconds()}";
        var url = $"{options.Value.FilesOrigin.TrimEnd('/')}{Path}/{link.BlobName}?{query}&sig={Sign(link)}";
        return (url, expires);
    }

    /// <summary>The link's content when its signature holds (null: forged or changed), and whether it is still in time.</summary>
    public (FileLink? Link, bool Expired) Read(string blobName, IQueryCollection query)
    {
        if (!long.TryParse(query["exp"], NumberStyles.None, CultureInfo.InvariantCulture, out var exp) || exp > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return (null, false);
        var link = new FileLink(blobName, query["type"].ToString(), query["name"].ToString(), query["inline"] == "1", DateTimeOffset.FromUnixTimeSeconds(exp));
        var given = query["sig"].ToString();
        var expected = Sign(link);
        if (given.Length != expected.Length || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(expected)))
            return (null, false);
        return (link, link.ExpiresAt <= clock.GetUtcNow());
    }

    // Thumbnails of JPEG photos are JPEGs, of everything else PNGs (Thumbnails.Make).
    private static string ThumbnailType(MessageAttachment a) => a.ContentType == AttachmentTypes.Jpeg.ContentType ? "image/jpeg" : "image/png";

    private string Sign(FileLink l) => Base64Url(HMACSHA256.HashData(_key,
        Encoding.UTF8.GetBytes($"{l.BlobName}\n{l.ContentType}\n{l.FileName}\n{(l.Inline ? 1 : 0)}\n{l.ExpiresAt.ToUnixTimeSeconds()}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
