using System.Threading.RateLimiting;
using ChatSupport.Api.Hubs;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Security;

/// <summary>Who may do what: operator cookies, visitor tokens, policies, origins, rate limits (docs/security.md).</summary>
public static class SecuritySetup
{
    public const string OperatorScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string VisitorScheme = "Visitor";
    public const string WidgetCors = "widget";
    public const string TokenRateLimit = "visitor-token";
    public const string SignInRateLimit = "sign-in";

    public static void AddChatSupportSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        services.AddSingleton<VisitorTokens>();
        services.AddSingleton<VisitorRateLimits>();
        services.AddSingleton<OperatorConnections>();
        services.AddSingleton<LiveSignIns>();
        services.AddSingleton<IAuthorizationHandler, ChatSupportAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalResultHandler>();
        services.AddHostedService<TenantBootstrap>();
        // Sign-in cookies must open on every Api node of the deployment and on no other: one key ring per deployment.
        builder.AddChatSupportCookieKeys();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "chatsupport.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthentication(OperatorScheme)
            .AddCookie(OperatorScheme, o =>
            {
                o.Cookie.Name = "chatsupport.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = EndedSignIns.RejectEndedAsync;
                // An API answers with a status, never a redirect to a login page.
                o.Events.OnRedirectToLogin = c => RefusalResponses.WriteAsync(c.HttpContext, AccessRefusals.SignInRequired());
                o.Events.OnRedirectToAccessDenied = c => RefusalResponses.WriteAsync(c.HttpContext, AccessRefusals.SystemAdminRequired());
            })
            .AddJwtBearer(VisitorScheme, o =>
            {
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket: the token comes in the query string there (and logs drop it).
                    OnMessageReceived = c =>
                    {
                        if (c.Request.Path.StartsWithSegments("/hubs/visitor") && c.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                            c.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = VisitorTokens.RefuseRevokedAsync,
                };
            });
        services.AddOptions<JwtBearerOptions>(VisitorScheme).Configure<VisitorTokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        services.AddAuthorizationBuilder()
            .AddPolicy(ChatPolicies.Agent, p => p.AddAuthenticationSchemes(OperatorScheme).AddRequirements(new SupportAdminRequirement()))
            .AddPolicy(ChatPolicies.Visitor, p => p.AddAuthenticationSchemes(VisitorScheme).AddRequirements(new SupportVisitorRequirement()))
            .AddPolicy(ChatPolicies.Operator, p => p.AddAuthenticationSchemes(OperatorScheme).RequireClaim(ChatClaims.Party, ChatClaims.AgentParty));

        // The widget runs on customers' sites: CORS answers only the tenant's allowed origins (WidgetCorsPolicyProvider;
        // no cookies are involved), and OriginChecks refuses every other origin's request.
        services.AddCors(o => o.AddPolicy(WidgetCors, p => p.SetIsOriginAllowed(_ => false)));
        services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, WidgetCorsPolicyProvider>();

        services.AddRateLimiter(o =>
        {
            var limits = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.RateLimits ?? new RateLimitOptions();
            o.OnRejected = (c, _) =>
            {
                c.HttpContext.RequestServices.GetRequiredService<RefusalLog>().Count(AccessRefusals.SlowDown().ToString());
                return new ValueTask(RefusalResponses.WriteAsync(c.HttpContext, AccessRefusals.SlowDown()));
            };
            o.AddPolicy(TokenRateLimit, c => PerAddress(c, limits.TokenRequestsPerAddress, limits.RouteWindow));
            o.AddPolicy(SignInRateLimit, c => PerAddress(c, limits.SignInsPerAddress, limits.RouteWindow));
        });

        builder.Services.AddSignalR()
            .AddHubOptions<AgentHub>(o => o.AddFilter<SignInCheckFilter>())
            .AddHubOptions<VisitorHub>(o => o.AddFilter<VisitorRateLimitFilter>());

        // Request-start logs print the URL, and a browser's WebSocket URL carries the visitor token: keep
        // them off whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // SignalR logs every HubException a hub method throws as an error with its stack: a burst of refusals would be
        // hundreds of traces. Every failure of a hub method passes through HubErrorFilter first, which logs the real ones
        // (with the exception) before they become server_error / try_again, and counts refusals for RefusalLog's summary
        // line; so SignalR's own per-call line is off, whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        builder.Services.AddSingleton<RefusalLog>();
    }

    public static void UseChatSupportSecurity(this WebApplication app)
    {
        app.UseMiddleware<AnonymousBodyLimit>();
        app.UseCors();
        app.UseAuthentication();
        app.UseMiddleware<OriginChecks>();
        app.UseMiddleware<VisitorConnectionLimit>();
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    private static RateLimitPartition<string> PerAddress(HttpContext c, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
