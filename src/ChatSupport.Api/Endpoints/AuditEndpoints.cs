using ChatSupport.Api.Identity;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Endpoints;

/// <summary>
/// The workspace's audit log (who changed what, when, before and after) for System Admins of an entitled tenant,
/// newest first, a page at a time. Read-only: entries are written by the admin areas that make the changes.
/// </summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/audit", async (HttpContext http, IGrainFactory grains, string? area, string? cursor) =>
        {
            if (area is not null && ChatInput.CheckId(area, "area") is { } badArea) return badArea.AsResult();
            // The cursor is the row key of the last entry of the previous page: digits, a dash and hex digits.
            if (cursor is not null && (cursor.Length > 64 || !cursor.All(c => char.IsAsciiHexDigit(c) || c == '-')))
                return ChatErrors.InvalidInput("cursor is the value a previous page answered.").AsResult();
            var page = await grains.GetGrain<IAuditLogGrain>(ChatIdentity.From(http.User).TenantId).List(area, cursor);
            return Results.Json(page);
        }).RequireAuthorization(ChatPolicies.Agent);
    }
}
