using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ChatSupport.Contracts.Messages;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Attachments;

/// <summary>
/// Attachments' bytes in Azure Blob Storage (Azurite's blob service locally): one container, blobs named
/// <c>{tenant}/{sessionId}/{fileKey}/file</c> and <c>…/thumb</c>. The file key is a hash of the sender and the client
/// message id, so a retried upload writes the same blob again (one file, never two) and nothing of the name comes
/// from the uploader.
/// </summary>
public sealed class AttachmentBlobs
{
    public const string FileBlob = "file";
    public const string ThumbnailBlob = "thumb";

    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _created;

    public AttachmentBlobs(IOptions<ChatStorageOptions> storage, IOptions<AttachmentOptions> options)
    {
        var connection = string.IsNullOrEmpty(storage.Value.BlobConnectionString) ? storage.Value.ConnectionString : storage.Value.BlobConnectionString;
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.NetworkTimeout = storage.Value.RequestTimeout * 6; // a 25 MB body takes longer than a table row
        _container = new BlobServiceClient(connection, clientOptions).GetBlobContainerClient(options.Value.Container);
        _created = new(() => _container.CreateIfNotExistsAsync());
    }

    /// <summary>The container, for tests that list what is stored.</summary>
    public BlobContainerClient Container => _container;

    /// <summary>The file's key: 32 hex of SHA-256 over the sender and the client message id (the same upload, the same key).</summary>
    public static string FileKeyOf(ChatParty sender, string senderId, string clientMessageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sender}\n{senderId}\n{clientMessageId}")))[..32];

    public static string BlobName(string tenant, string sessionId, string fileKey, string variant) => $"{tenant}/{sessionId}/{fileKey}/{variant}";

    public async Task PutAsync(string blobName, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken ct)
    {
        await _created.Value;
        await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
    }

    /// <summary>The blob's content and length, or null when there is none.</summary>
    public async Task<(Stream Content, long Length)?> OpenAsync(string blobName, CancellationToken ct)
    {
        await _created.Value;
        try
        {
            var download = await _container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: ct);
            return (download.Value.Content, download.Value.Details.ContentLength);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes one upload's blobs (the file and its thumbnail), if there are any.</summary>
    public async Task DeleteUploadAsync(string tenant, string sessionId, string fileKey, CancellationToken ct)
    {
        await _created.Value;
        foreach (var variant in new[] { FileBlob, ThumbnailBlob })
            await _container.DeleteBlobIfExistsAsync(BlobName(tenant, sessionId, fileKey, variant), cancellationToken: ct);
    }

    /// <summary>
    /// Deletes every file of a tenant (with the tenant's chat data): everything under "{tenant}/". Tenant ids are
    /// [A-Za-z0-9._-], so no tenant's prefix is the start of another's ("{tenant}/" ends in the separator).
    /// </summary>
    public Task<int> DeleteTenantAsync(string tenant, CancellationToken ct) => DeleteUnderAsync(tenant + "/", ct);

    /// <summary>Deletes every file under a prefix: a tenant's ("{tenant}/") or one chat's ("{tenant}/{sessionId}/"). Returns how many.</summary>
    private async Task<int> DeleteUnderAsync(string prefix, CancellationToken ct)
    {
        await _created.Value;
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: ct);
            deleted++;
        }
        return deleted;
    }
}
