using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Security;

/// <summary>
/// The widget's CORS policy is the tenant's: only its allowed origins get <c>Access-Control-Allow-Origin</c> (on the
/// preflight, the answer and the refusal alike). The token route names its tenant in the query; a visitor hub request
/// carries its tenant in the visitor's token. A hub preflight carries no token: the widget names its tenant in the hub
/// URL's query (<c>/hubs/visitor?tenant=ID</c>) and that tenant's origins are answered; a hub preflight without a tenant
/// gets no CORS headers; the widget's attachment routes (<c>/api/attachments/visitor/…?tenant=ID</c>) alike. (The request that follows is checked against the token's tenant by <see cref="OriginChecks"/>.)
/// Every other policy is the configured one.
/// </summary>
public sealed class WidgetCorsPolicyProvider(IOptions<CorsOptions> options, IGrainFactory grains) : ICorsPolicyProvider
{
    private static readonly CorsPolicy None = new CorsPolicyBuilder().SetIsOriginAllowed(_ => false).Build();
    private readonly DefaultCorsPolicyProvider _configured = new(options);

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != SecuritySetup.WidgetCors) return await _configured.GetPolicyAsync(context, policyName);
        var request = context.Request;
        var preflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");
        var tenant = request.Path.StartsWithSegments("/api/visitor") || preflight
            ? request.Query["tenant"].ToString()
            : (await context.AuthenticateAsync(SecuritySetup.VisitorScheme)).Principal?.FindFirstValue(ChatClaims.Tenant);
        if (ChatInput.CheckId(tenant, "tenant") is not null) return None;
        var profile = await grains.GetGrain<ITenantGrain>(tenant!).GetProfile();
        return new CorsPolicyBuilder().SetIsOriginAllowed(profile.AllowsOrigin).AllowAnyHeader().AllowAnyMethod().Build();
    }
}
