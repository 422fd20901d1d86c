using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication;

namespace ChatSupport.Api.Security;

/// <summary>
/// Refuses cross-site use (cross-site WebSocket hijacking included). The visitor hub and the visitor token
/// route accept only the tenant's allowed origins; the agent hub and the operator routes (<c>/api/auth</c>,
/// <c>/api/archive</c>, <c>/api/analytics</c>, <c>/api/settings</c>) only this site's own origin. Browsers always send Origin on WebSocket and cross-site requests; a request without one
/// comes from a non-browser client, which an attacking page cannot drive, and is left to authentication.
/// </summary>
public sealed class OriginChecks(RequestDelegate next)
{
    public static bool IsVisitorPath(PathString path) =>
        path.StartsWithSegments("/hubs/visitor") || path.StartsWithSegments("/api/visitor");

    /// <summary>Where the Orleans dashboard is mapped when it is configured on (ChatSupport:OrleansDashboard).</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>Every route an operator's cookie opens: one origin rule for all of them, GETs included.</summary>
    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/hubs/agent") || path.StartsWithSegments("/api/auth")
        || path.StartsWithSegments("/api/archive") || path.StartsWithSegments("/api/analytics")
        || path.StartsWithSegments("/api/settings")
        || path.StartsWithSegments(OrleansDashboardPath);

    public async Task InvokeAsync(HttpContext context, IGrainFactory grains)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var path = context.Request.Path;
        if (origin.Length == 0 || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (IsOperatorPath(path) && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            await RefusalResponses.WriteAsync(context, AccessRefusals.CrossSiteRefused());
            return;
        }
        if (IsVisitorPath(path) && await TenantOfVisitorRequestAsync(context) is { } tenant
                                && !(await grains.GetGrain<ITenantGrain>(tenant).GetProfile()).AllowsOrigin(origin))
        {
            await RefusalResponses.WriteAsync(context, AccessRefusals.OriginNotAllowed());
            return;
        }
        await next(context);
    }

    /// <summary>The token route names its tenant in the query; the hub's tenant is in the visitor's token.</summary>
    private static async Task<string?> TenantOfVisitorRequestAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api/visitor")) return context.Request.Query["tenant"].ToString() is { Length: > 0 } t ? t : null;
        var result = await context.AuthenticateAsync(SecuritySetup.VisitorScheme);
        return result.Principal?.FindFirstValue(ChatClaims.Tenant);
    }
}
