using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Http.Features;

namespace ChatSupport.Api.Attachments;

/// <summary>The answer to an upload: the message's acknowledgement and the file it carries.</summary>
public sealed record AttachmentAck(long Seq, string ClientMessageId, DateTimeOffset SentAt, bool Duplicate, MessageAttachment? Attachment);

/// <summary>
/// One upload, in the order that keeps "stored before acknowledged" and "nothing refused leaves a blob": the plan, the
/// chat (may the caller post; is this client message id stored already), the size, the name, the type from the bytes,
/// the scan, the thumbnail; then the blobs; then the message in the session's log. A refusal at any step before the
/// blobs stores nothing; a refusal of the message itself deletes the blobs it had just written.
/// </summary>
public sealed class AttachmentUploads(IGrainFactory grains, AttachmentBlobs blobs, IAttachmentScanner scanner, ILogger<AttachmentUploads> logger)
{
    public async Task<ChatResult<AttachmentAck>> UploadAsync(HttpContext http, ChatIdentity who, string? sessionId, string? clientMessageId, string? name)
    {
        var ct = http.RequestAborted;
        var profile = await grains.GetGrain<ITenantGrain>(who.TenantId).GetProfile();
        if (profile.AttachmentLimits() is not { } limits) return AttachmentErrors.NotInPlan();
        if ((ChatInput.CheckId(sessionId, "sessionId") ?? ChatInput.CheckClientMessageId(clientMessageId)) is { } badId) return badId;
        var session = grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(who.TenantId, sessionId!));
        var permit = await session.CheckAttach(who.Caller, clientMessageId!, limits.MaxPerChat);
        if (permit.Error is { } refused) return refused;
        // A retry of an upload whose message is stored: its first acknowledgement, and no second file.
        if (permit.Value!.Stored is { } stored) return new AttachmentAck(stored.Seq, stored.ClientMessageId, stored.SentAt, true, null);

        if (http.Request.ContentLength > limits.MaxBytes) return AttachmentErrors.TooLarge(limits.MaxBytes);
        if (FileNames.Clean(name) is not { } fileName) return AttachmentErrors.BadName();
        var bytes = await ReadBodyAsync(http, limits.MaxBytes);
        if (bytes is null) return AttachmentErrors.TooLarge(limits.MaxBytes);
        if (bytes.Length == 0) return AttachmentErrors.Empty();

        var allowed = AttachmentTypes.All.Where(t => limits.AllowedTypes.Contains(t.Name)).ToList();
        var refusedType = AttachmentErrors.TypeRefused(allowed.Select(t => t.Label));
        if (FileTypes.HasDangerousEnding(fileName)) return refusedType;
        if (FileTypes.Detect(bytes, fileName) is not { } type || !allowed.Contains(type)) return refusedType;
        if (!FileTypes.NameFits(type, fileName)) return AttachmentErrors.NameDoesNotMatch(type.Label);
        var thumbnail = type.IsImage ? Thumbnails.Make(bytes) : null;
        // An "image" that does not decode is not the image its bytes began like.
        if (type.IsImage && thumbnail is null) return refusedType;

        switch (await scanner.ScanAsync(bytes, ct))
        {
            case ScanVerdict.Infected:
                logger.LogWarning("An upload to session {Session} was refused by the virus scan ({Size} bytes, {Type})", sessionId, bytes.Length, type.Name);
                return AttachmentErrors.Rejected();
            case ScanVerdict.Unavailable:
                return AttachmentErrors.ScanUnavailable();
        }

        var fileKey = AttachmentBlobs.FileKeyOf(who.Caller.Party, who.Caller.Id, clientMessageId!);
        var attachment = new MessageAttachment
        {
            FileKey = fileKey,
            FileName = fileName,
            ContentType = type.ContentType,
            Size = bytes.Length,
            HasThumbnail = thumbnail is not null,
            Width = thumbnail?.Width,
            Height = thumbnail?.Height,
        };
        try
        {
            await blobs.PutAsync(AttachmentBlobs.BlobName(who.TenantId, sessionId!, fileKey, AttachmentBlobs.FileBlob), bytes, type.ContentType, ct);
            if (thumbnail is not null)
                await blobs.PutAsync(AttachmentBlobs.BlobName(who.TenantId, sessionId!, fileKey, AttachmentBlobs.ThumbnailBlob), thumbnail.Bytes, thumbnail.ContentType, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(e, "The file of an upload to session {Session} was not stored", sessionId);
            return ChatErrors.StorageUnavailable();
        }

        var ack = await session.PostAttachment(who.Caller, clientMessageId!, attachment, limits.MaxPerChat);
        if (ack.Error is { } notPosted)
        {
            // Refused for certain (the chat was resolved meanwhile, its limit reached): the file goes. After try_again the
            // message may be stored all the same, so the file stays; the client's retry writes the same blob again.
            if (notPosted.Code != ChatErrors.StorageUnavailable().Code) await blobs.DeleteUploadAsync(who.TenantId, sessionId!, fileKey, CancellationToken.None);
            return notPosted;
        }
        return new AttachmentAck(ack.Value!.Seq, ack.Value.ClientMessageId, ack.Value.SentAt, ack.Value.Duplicate, ack.Value.Duplicate ? null : attachment);
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long max)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > max) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }
}
