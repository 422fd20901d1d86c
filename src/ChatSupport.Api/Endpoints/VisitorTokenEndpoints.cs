using ChatSupport.Api.Security;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;

namespace ChatSupport.Api.Endpoints;

public sealed record VisitorTokenRequest(string? PreviousToken);

/// <summary>
/// POST /api/visitor/token?tenant=ID: the widget's signed, expiring visitor token. Sending the previous token
/// (even expired, unless revoked or past the visitor's maximum lifetime) keeps the same visitor, and so their open chat.
/// Origin is checked by <see cref="OriginChecks"/>.
/// </summary>
public static class VisitorTokenEndpoints
{
    public static void MapVisitorTokenEndpoints(this WebApplication app) =>
        app.MapPost("/api/visitor/token", async (string? tenant, VisitorTokenRequest? request, IGrainFactory grains, VisitorTokens tokens) =>
            {
                if (ChatInput.CheckId(tenant, "tenant") is not null) return AccessRefusals.UnknownTenant().AsResult();
                var profile = await grains.GetGrain<ITenantGrain>(tenant!).GetProfile();
                if (profile.ChatSupportRefusal() is { } refusal) return refusal.AsResult();
                var (token, visitorId, expiresAt) = await tokens.IssueAsync(tenant!, request?.PreviousToken);
                // What the widget may attach (null: no attach button).
                var attachments = ChatSupport.Api.Attachments.AttachmentSetup.ClientLimits(profile.AttachmentLimits());
                return Results.Json(new { token, visitorId, expiresAt, attachments });
            })
            .RequireRateLimiting(SecuritySetup.TokenRateLimit)
            .RequireCors(SecuritySetup.WidgetCors);
}
