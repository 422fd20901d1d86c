using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authorization;

namespace ChatSupport.Api.Security;

/// <summary>A signed-in agent (an operator who may take chats), of a tenant entitled to Live Chat Support.</summary>
public sealed class SupportAdminRequirement : IAuthorizationRequirement;

/// <summary>A visitor holding a token of a tenant entitled to Live Chat Support.</summary>
public sealed class SupportVisitorRequirement : IAuthorizationRequirement;

/// <summary>Checks both requirements, naming the first thing missing: role, then plan, then feature.</summary>
public sealed class ChatSupportAccessHandler(IGrainFactory grains) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var refusal = requirement switch
            {
                SupportAdminRequirement => await AdminRefusalAsync(context.User),
                SupportVisitorRequirement => await VisitorRefusalAsync(context.User),
                _ => null,
            };
            if (requirement is not (SupportAdminRequirement or SupportVisitorRequirement)) continue;
            if (refusal is null) context.Succeed(requirement);
            else context.Fail(new RefusalReason(this, refusal));
        }
    }

    private async Task<AccessRefusal?> AdminRefusalAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return AccessRefusals.SignInRequired();
        if (user.FindFirstValue(ChatClaims.Party) != ChatClaims.AgentParty) return AccessRefusals.AgentsOnly();
        // The roles the sign-in carries. Disabled operators have no live sign-in: disabling ends them all, and every
        // agent call and route re-checks that (sign_in_expired), so a sign-in's holder counts as not disabled here.
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (!OperatorProfile.CanTakeChatsWith(roles, disabled: false)) return AccessRefusals.SystemAdminRequired();
        return await TenantRefusalAsync(user);
    }

    private async Task<AccessRefusal?> VisitorRefusalAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return AccessRefusals.VisitorTokenRequired();
        if (user.FindFirstValue(ChatClaims.Party) != ChatClaims.VisitorParty) return AccessRefusals.VisitorsOnly();
        return await TenantRefusalAsync(user);
    }

    private async Task<AccessRefusal?> TenantRefusalAsync(ClaimsPrincipal user)
    {
        var tenant = user.FindFirstValue(ChatClaims.Tenant);
        if (string.IsNullOrEmpty(tenant)) return AccessRefusals.UnknownTenant();
        return (await grains.GetGrain<ITenantGrain>(tenant).GetProfile()).ChatSupportRefusal();
    }
}
