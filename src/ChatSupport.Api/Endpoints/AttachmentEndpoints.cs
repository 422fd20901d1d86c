using ChatSupport.Api.Attachments;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Attachments;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace ChatSupport.Api.Endpoints;

/// <summary>
/// File attachments over HTTP (docs/protocol.md, "Attachments"): uploads and file links for the chat's visitor
/// (their token) and the tenant's agents (cookie + anti-forgery), and the cookie-less <c>/files/</c> route that serves
/// a signed link's blob with headers that keep a browser from running or sniffing it.
/// </summary>
public static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this WebApplication app)
    {
        var visitor = app.MapGroup("/api/attachments/visitor").RequireAuthorization(ChatPolicies.Visitor).RequireCors(SecuritySetup.WidgetCors);
        visitor.MapPost("/{sessionId}", (HttpContext http, AttachmentUploads uploads, string sessionId, string? clientMessageId, string? name) =>
            UploadAsync(http, uploads, sessionId, clientMessageId, name));
        visitor.MapGet("/{sessionId}/{seq}", LinkAsync);

        var agent = app.MapGroup("/api/attachments/agent").RequireAuthorization(ChatPolicies.Agent);
        agent.MapPost("/{sessionId}", async (HttpContext http, IAntiforgery antiforgery, AttachmentUploads uploads, string sessionId, string? clientMessageId, string? name) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
            return await UploadAsync(http, uploads, sessionId, clientMessageId, name);
        });
        agent.MapGet("/{sessionId}/{seq}", LinkAsync);

        app.MapGet(AttachmentLinks.Path + "/{**blob}", ServeAsync);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, AttachmentUploads uploads, string sessionId, string? clientMessageId, string? name)
    {
        var result = await uploads.UploadAsync(http, ChatIdentity.From(http.User), sessionId, clientMessageId, name);
        return result.Error is { } error ? AsResult(error) : Results.Json(result.Value);
    }

    /// <summary>Links to one message's file (a download) and its thumbnail (inline), for someone who may see the chat.</summary>
    private static async Task<IResult> LinkAsync(HttpContext http, IGrainFactory grains, AttachmentLinks links, string sessionId, string seq)
    {
        if (ChatInput.CheckId(sessionId, "sessionId") is { } badId) return AsResult(badId);
        if (!long.TryParse(seq, out var number) || number < 1) return AsResult(ChatErrors.InvalidInput("seq is a message's sequence number (1 or more)."));
        var who = ChatIdentity.From(http.User);
        var message = await grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(who.TenantId, sessionId)).GetAttachment(who.Caller, number);
        if (message.Error is { } error) return AsResult(error);
        var attachment = message.Value!.Attachment!;
        var (url, expiresAt) = links.Mint(who.TenantId, sessionId, attachment, thumbnail: false);
        var thumbnailUrl = attachment.HasThumbnail ? links.Mint(who.TenantId, sessionId, attachment, thumbnail: true).Url : null;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { url, thumbnailUrl, expiresAt, attachment });
    }

    /// <summary>
    /// A signed link's file. No cookie or token is read here (the signature is the permission), and every answer says
    /// nosniff and a sandbox CSP, so even a file that a browser mistook for a page could run nothing on this origin.
    /// </summary>
    private static async Task<IResult> ServeAsync(HttpContext http, AttachmentLinks links, AttachmentBlobs blobs, string blob)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.CacheControl = "private, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"; // the widget shows thumbnails on the customer's site
        var (link, expired) = links.Read(blob, http.Request.Query);
        if (link is null) return AsResult(AttachmentErrors.NotAnAttachment());
        if (expired) return AsResult(AttachmentErrors.LinkExpired());
        if (await blobs.OpenAsync(link.BlobName, http.RequestAborted) is not { } file) return AsResult(AttachmentErrors.NotAnAttachment());
        var disposition = new ContentDispositionHeaderValue(link.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(link.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(file.Content, link.ContentType);
    }

    /// <summary>An attachment refusal as HTTP: the status says the kind, the body the code and the sentence.</summary>
    public static IResult AsResult(ChatError error) => Results.Json(new { error = error.Code, message = error.Message }, statusCode: error.Code switch
    {
        "unknown_session" or "not_your_session" or "unknown_attachment" => StatusCodes.Status404NotFound,
        "attachments_not_in_plan" or "link_expired" or "not_assigned_agent" => StatusCodes.Status403Forbidden,
        "attachment_too_large" => StatusCodes.Status413PayloadTooLarge,
        "chat_resolved" or "attachment_limit_reached" => StatusCodes.Status409Conflict,
        "try_again" => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    });
}
