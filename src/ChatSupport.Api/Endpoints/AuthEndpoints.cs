using System.Globalization;
using System.Security.Claims;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Endpoints;

public sealed record SignInRequest(string? Tenant, string? Username, string? Password);

/// <summary>Operator sign-in for the dashboard: an HttpOnly, SameSite=Strict cookie, anti-forgery on every state change.</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth");

        auth.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }));

        auth.MapPost("/sign-in", SignInAsync).RequireRateLimiting(SecuritySetup.SignInRateLimit);

        auth.MapPost("/sign-out", SignOutAsync).RequireAuthorization(ChatPolicies.Operator);

        auth.MapGet("/me", async (HttpContext context, IGrainFactory grains) =>
        {
            var who = ChatIdentity.From(context.User);
            var profile = await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(who.TenantId, who.Caller.Id)).GetProfile();
            var tenant = await grains.GetGrain<ITenantGrain>(who.TenantId).GetProfile();
            var refusal = profile?.CanTakeChats == true ? tenant.ChatSupportRefusal() : AccessRefusals.SystemAdminRequired();
            return Results.Json(new
            {
                tenantId = who.TenantId,
                username = who.Caller.Id,
                displayName = who.Caller.DisplayName,
                roles = profile?.Roles ?? [],
                chatSupport = refusal is null ? "allowed" : refusal.Code,
                // What the mini chat may attach (null: no attach button).
                attachments = refusal is null ? ChatSupport.Api.Attachments.AttachmentSetup.ClientLimits(tenant.AttachmentLimits()) : null,
            });
        }).RequireAuthorization(ChatPolicies.Operator);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, SignInRequest request, IAntiforgery antiforgery, IGrainFactory grains, IOptions<SecurityOptions> options)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return AccessRefusals.AntiforgeryRequired().AsResult();
        // Malformed names fail exactly like wrong passwords: nothing tells which part was wrong.
        if (ChatInput.CheckId(request.Tenant, "tenant") is not null || ChatInput.CheckId(request.Username, "username") is not null
            || request.Password is not { Length: > 0 and <= 256 })
            return AccessRefusals.SignInFailed().AsResult();

        var outcome = await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(request.Tenant!, request.Username!))
            .SignIn(request.Password, options.Value.SignInRules());
        if (outcome.RetryAfter is { } wait)
        {
            // The account is backing off after wrong passwords (known and unknown names alike): the password was not checked.
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return AccessRefusals.SlowDown().AsResult();
        }
        if (outcome.Busy)
        {
            context.Response.Headers.RetryAfter = "1";
            return AccessRefusals.Busy().AsResult();
        }
        if (outcome.SignIn is not { } signIn) return AccessRefusals.SignInFailed().AsResult();

        var op = signIn.Operator;
        var claims = new List<Claim>
        {
            new(ChatClaims.Tenant, op.TenantId),
            new(ChatClaims.Party, ChatClaims.AgentParty),
            new(ClaimTypes.NameIdentifier, op.Username),
            new(ClaimTypes.Name, op.DisplayName),
            new(ChatClaims.SignIn, signIn.SignInId),
            new(ChatClaims.ExpiresAt, signIn.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(op.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SecuritySetup.OperatorScheme));
        await context.SignInAsync(SecuritySetup.OperatorScheme, principal, new AuthenticationProperties { ExpiresUtc = signIn.ExpiresAt, IsPersistent = false });

        // The anti-forgery token is bound to the user: hand out the one for the signed-in operator.
        context.User = principal;
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        return Results.Json(new { tenantId = op.TenantId, username = op.Username, displayName = op.DisplayName, roles = op.Roles, expiresAt = signIn.ExpiresAt, antiforgeryToken = token });
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IGrainFactory grains, OperatorConnections connections)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return AccessRefusals.AntiforgeryRequired().AsResult();
        var who = ChatIdentity.From(context.User);
        if (context.User.FindFirstValue(ChatClaims.SignIn) is { } signIn)
        {
            // The grain pushes SignInEnded, and every Api node closes the sign-in's connections (PushBridge);
            // this node's close at once, without waiting for the event.
            await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(who.TenantId, who.Caller.Id)).SignOut(signIn);
            connections.CloseAll(signIn);
        }
        await context.SignOutAsync(SecuritySetup.OperatorScheme);
        return Results.NoContent();
    }
}
