using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Http.Features;

namespace ChatSupport.Api.Security;

/// <summary>
/// The routes anyone may call without signing in (<c>/api/visitor/*</c>, <c>/api/auth/*</c>) take bodies of at most
/// 16 KB (Kestrel's default is 30 MB). A larger <c>Content-Length</c> is refused with <c>413 body_too_large</c> before
/// anything is read; a chunked body is cut off by the server's limit once it passes 16 KB, with the same answer.
/// </summary>
public sealed class AnonymousBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 16 * 1024;

    public static bool IsLimited(PathString path) => path.StartsWithSegments("/api/visitor") || path.StartsWithSegments("/api/auth");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsLimited(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > MaxBytes)
        {
            await RefusalResponses.WriteAsync(context, AccessRefusals.BodyTooLarge());
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        await next(context);
        // A chunked body over the limit makes the body reader fail with 413 and no body: give it the refusal's body.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            await RefusalResponses.WriteAsync(context, AccessRefusals.BodyTooLarge());
    }
}
