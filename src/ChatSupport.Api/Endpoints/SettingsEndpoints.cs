using System.Text.Json;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Api.Settings;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Endpoints;

/// <summary>
/// The Settings page's routes (System Admins of an entitled tenant, own origin, anti-forgery on the save) and the
/// widget's public settings (any page of the tenant's allowed origins; cacheable).
/// </summary>
public sealed record HolidayImportRequest(string? Ics);

public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this WebApplication app)
    {
        var settings = app.MapGroup("/api/settings").RequireAuthorization(ChatPolicies.Agent);

        settings.MapGet("", async (HttpContext http, IGrainFactory grains) =>
            Results.Json(await grains.GetGrain<ISettingsGrain>(ChatIdentity.From(http.User).TenantId).Get()));

        // The whole document, as GET gave it with the admin's edits; its version is the one the edits started from.
        settings.MapPut("", async (HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IOptions<JsonOptions> json) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
            WorkspaceSettings? draft;
            try
            {
                draft = await JsonSerializer.DeserializeAsync<WorkspaceSettings>(http.Request.Body, json.Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                return ChatErrors.InvalidInput($"The body is not settings JSON ({e.Path ?? "$"}: a value of the wrong type). Nothing was saved.").AsResult();
            }
            if (draft is null) return ChatErrors.InvalidInput("settings are missing. Nothing was saved.").AsResult();
            var identity = ChatIdentity.From(http.User);
            var result = await grains.GetGrain<ISettingsGrain>(identity.TenantId).Save(draft, draft.Version, identity.Caller.Id);
            return result.Error is { } error
                ? Results.Json(new { error = error.Code, message = error.Message }, statusCode: error.Code switch
                {
                    "version_conflict" => StatusCodes.Status409Conflict,
                    "try_again" => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status400BadRequest,
                })
                : Results.Json(result.Value);
        });

        // An .ics file's holidays, for the page to add to its draft: nothing is stored, so no anti-forgery header is needed.
        settings.MapPost("/holidays/import", async (HttpContext http, IGrainFactory grains, HolidayImportRequest? request) =>
        {
            var parsed = await grains.GetGrain<ISettingsGrain>(ChatIdentity.From(http.User).TenantId).ParseHolidays(request?.Ics ?? "");
            return parsed.Error is { } error ? error.AsResult() : Results.Json(new { holidays = parsed.Value });
        });

        // Public: what the widget shows. Origin is checked by OriginChecks (the tenant's allowed origins), like the token route.
        app.MapGet("/api/visitor/settings", async (HttpContext http, string? tenant, IGrainFactory grains, WidgetSettingsCache cache) =>
            {
                if (ChatInput.CheckId(tenant, "tenant") is not null) return AccessRefusals.UnknownTenant().AsResult();
                if ((await grains.GetGrain<ITenantGrain>(tenant!).GetProfile()).ChatSupportRefusal() is { } refusal) return refusal.AsResult();
                var view = await cache.GetAsync(tenant!);
                var maxAge = (int)cache.MaxAgeOf(view).TotalSeconds;
                http.Response.Headers.CacheControl = $"public, max-age={maxAge}";
                http.Response.Headers.Vary = "Origin";
                return Results.Json(view);
            })
            // No rate limit of its own: every widget reads it at load and every 30 s, and answers come from the cache.
            .RequireCors(SecuritySetup.WidgetCors);
    }
}
