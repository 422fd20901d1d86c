using System.Globalization;
using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Contracts.People;

namespace ChatSupport.Api.Security;

/// <summary>Whether an operator's sign-in is unexpired and not signed out (a grain lookup, not only the cookie).</summary>
public sealed class LiveSignIns(IGrainFactory grains, TimeProvider clock)
{
    public async Task<bool> IsLiveAsync(ClaimsPrincipal? user)
    {
        if (user?.FindFirstValue(ChatClaims.SignIn) is not { } signIn
            || user.FindFirstValue(ChatClaims.Tenant) is not { } tenant
            || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } username
            || !long.TryParse(user.FindFirstValue(ChatClaims.ExpiresAt), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
            return false;
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= expiresAt) return false;
        return await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, username)).IsSignedIn(signIn);
    }
}

/// <summary>The agent routes' counterpart of <see cref="SignInCheckFilter"/>: a signed-out cookie gets sign_in_expired.</summary>
public sealed class LiveSignInEndpointFilter(LiveSignIns signIns) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await signIns.IsLiveAsync(context.HttpContext.User) ? await next(context) : AccessRefusals.SignInExpired().AsResult();
}
