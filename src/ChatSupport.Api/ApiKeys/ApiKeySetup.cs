using System.Threading.RateLimiting;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatSupport.Api.ApiKeys;

/// <summary>The API key scheme, one policy per scope, and the per-key rate limit (docs/security.md, "API keys").</summary>
public static class ApiKeySetup
{
    public const string RateLimit = "api-key";

    public static string PolicyOf(string scope) => $"api-{scope}";

    public static void AddChatSupportApiKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, _ => { });
        services.AddSingleton<IAuthorizationHandler, ApiScopeHandler>();
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in ApiKeyScopes.All)
            policies.AddPolicy(PolicyOf(scope), p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).AddRequirements(new ApiScopeRequirement(scope)));

        var limits = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.RateLimits ?? new RateLimitOptions();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, c => PerKey(c, limits)));
    }

    /// <summary>
    /// One budget per key, counted before the key is checked (the limiter runs before authorization), by the key's public
    /// prefix: a flood of one key's wrong secrets spends that key's budget, and a request without a key spends its address's.
    /// </summary>
    private static RateLimitPartition<string> PerKey(HttpContext c, RateLimitOptions limits)
    {
        var header = c.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var partition = ApiKeyFormat.TryParse(key, out var tenant, out var keyId, out _)
            ? "key:" + ApiKeyFormat.PrefixOf(tenant, keyId)
            : "address:" + (c.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ApiRequestsPerKey, Window = limits.ApiKeyWindow, QueueLimit = 0 });
    }
}
