using System.Globalization;
using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Tenants;
using ChatSupport.Contracts.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatSupport.Api.Security;

/// <summary>Whether an operator's sign-in is unexpired and not signed out (a grain lookup, not only the cookie).</summary>
public sealed class LiveSignIns(IGrainFactory grains, TimeProvider clock)
{
    public async Task<bool> IsLiveAsync(ClaimsPrincipal? user)
    {
        if (user?.FindFirstValue(ChatClaims.SignIn) is not { } signIn
            || user.FindFirstValue(ChatClaims.Tenant) is not { } tenant
            || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } username
            || ExpiresAt(user) is not { } expiresAt)
            return false;
        if (clock.GetUtcNow() >= expiresAt) return false;
        return await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, username)).IsSignedIn(signIn);
    }

    /// <summary>When the sign-in a cookie carries runs out.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ChatClaims.ExpiresAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}

/// <summary>
/// Every request with an operator cookie asks whether its sign-in is still live (CookieAuthenticationEvents.OnValidatePrincipal):
/// a signed-out, expired or disabled sign-in leaves the request anonymous, drops the cookie, and is refused as sign_in_expired.
/// </summary>
public static class EndedSignIns
{
    private static readonly object Key = new();

    public static async Task RejectEndedAsync(CookieValidatePrincipalContext context)
    {
        if (await context.HttpContext.RequestServices.GetRequiredService<LiveSignIns>().IsLiveAsync(context.Principal)) return;
        context.RejectPrincipal();
        context.HttpContext.Items[Key] = true;
        await context.HttpContext.SignOutAsync(SecuritySetup.OperatorScheme);
    }

    /// <summary>Whether this request came with a cookie whose sign-in has ended.</summary>
    public static bool CameWithEndedSignIn(HttpContext context) => context.Items.ContainsKey(Key);
}
