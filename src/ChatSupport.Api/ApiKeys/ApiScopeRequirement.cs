using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authorization;

namespace ChatSupport.Api.ApiKeys;

/// <summary>A live API key of an entitled tenant, holding <see cref="Scope"/>.</summary>
public sealed class ApiScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}

/// <summary>
/// Names the first thing missing: a key (401), a key that opens nothing (401), the scope (403), then the tenant's plan or
/// feature (403, as for the dashboard: a key is an operator of its tenant and no more).
/// </summary>
public sealed class ApiScopeHandler(IGrainFactory grains) : AuthorizationHandler<ApiScopeRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var refusal = await RefusalAsync(context, requirement);
        if (refusal is null) context.Succeed(requirement);
        else context.Fail(new RefusalReason(this, refusal));
    }

    private async Task<AccessRefusal?> RefusalAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var user = context.User;
        if (user.Identity is not { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.SchemeName })
            return (context.Resource as HttpContext)?.Items[ApiKeyAuthentication.RefusalItem] as AccessRefusal ?? ApiKeyRefusals.KeyRequired();
        if (!user.HasClaim(ApiKeyAuthentication.ScopeClaim, requirement.Scope)) return ApiKeyRefusals.ScopeRequired(requirement.Scope);
        return (await grains.GetGrain<ITenantGrain>(user.FindFirstValue(ChatClaims.Tenant)!).GetProfile()).ChatSupportRefusal();
    }
}
