using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Tenants;

/// <summary>
/// Why a caller may not do something: a stable code naming what is missing (sign-in, role, plan, feature,
/// origin) and a sentence for people. HTTP answers carry it as JSON with 401 or 403; hubs as the error text.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccessRefusal([property: Id(0)] int Status, [property: Id(1)] string Code, [property: Id(2)] string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

public static class AccessRefusals
{
    public static AccessRefusal SignInRequired() => new(401, "sign_in_required", "Sign in to use chat support.");
    public static AccessRefusal SignInFailed() => new(401, "sign_in_failed", "Wrong tenant, username or password.");
    public static AccessRefusal SignInExpired() => new(401, "sign_in_expired", "Your sign-in has expired or was ended. Sign in again.");
    public static AccessRefusal VisitorTokenRequired() => new(401, "visitor_token_required", "A valid visitor token is required.");
    public static AccessRefusal SystemAdminRequired() => new(403, "system_admin_required", "Chat support is for system admins only.");
    /// <summary>The chat core's <c>agents_only</c>, refused at the door: one code and one sentence wherever it is decided.</summary>
    public static AccessRefusal AgentsOnly() => new(403, ChatErrors.AgentsOnly().Code, ChatErrors.AgentsOnly().Message);
    public static AccessRefusal VisitorsOnly() => new(403, "visitor_token_required", "This is for website visitors only.");
    public static AccessRefusal UnknownTenant() => new(403, "unknown_tenant", "No workspace has that id.");
    public static AccessRefusal PlanRequired() => new(403, "scale_plan_required", "Live Chat Support needs the Scale plan.");
    public static AccessRefusal FeatureRequired() => new(403, "priority_support_required", "Live Chat Support needs the Priority Support feature.");
    public static AccessRefusal OriginNotAllowed() => new(403, "origin_not_allowed", "This site may not use this chat widget.");
    public static AccessRefusal CrossSiteRefused() => new(403, "cross_site_refused", "Requests from other sites are refused.");
    public static AccessRefusal AntiforgeryRequired() => new(400, "antiforgery_required", "The anti-forgery token is missing or wrong; reload the page.");
    public static AccessRefusal BodyTooLarge() => new(413, "body_too_large", "The request body is too large.");
    /// <summary>Too many passwords being checked at once on the silo (a sign-in storm): nothing was checked.</summary>
    public static AccessRefusal Busy() => new(503, ChatErrors.Busy().Code, ChatErrors.Busy().Message);
    public static AccessRefusal SlowDown() => new(429, "slow_down", "Too many requests; slow down and try again in a moment.");
}
