using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ChatSupport.Api.Security;

/// <summary>Answers a refused request with 401 or 403 and a body naming what is missing, instead of a bare status or a redirect.</summary>
public sealed class RefusalResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded) return _default.HandleAsync(next, context, policy, result);
        // A cookie whose sign-in ended is refused as such, not as if no cookie had come.
        var refusal = EndedSignIns.CameWithEndedSignIn(context) ? AccessRefusals.SignInExpired()
                      : result.AuthorizationFailure?.FailureReasons.OfType<RefusalReason>().FirstOrDefault()?.Refusal
                      ?? (policy.Requirements.Any(r => r is SupportVisitorRequirement) ? AccessRefusals.VisitorTokenRequired()
                          // REST API v1: no key, or one that opens nothing (ApiKeyAuthentication says which).
                          : policy.Requirements.Any(r => r is ApiKeys.ApiScopeRequirement) ? context.Items[ApiKeys.ApiKeyAuthentication.RefusalItem] as AccessRefusal ?? ApiKeys.ApiKeyRefusals.KeyRequired()
                          : AccessRefusals.SignInRequired());
        return RefusalResponses.WriteAsync(context, refusal);
    }
}
