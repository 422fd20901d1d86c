using ChatSupport.Api.Analytics;
using ChatSupport.Api.Archive;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Endpoints;

/// <summary>
/// Analytics (docs/analytics.md): the report and its tables as downloads, for System Admins of an entitled tenant,
/// like the agent hub and the archive. Arguments are checked before anything is read.
/// </summary>
public static class AnalyticsEndpoints
{
    public static void MapAnalyticsEndpoints(this WebApplication app)
    {
        var analytics = app.MapGroup("/api/analytics")
            .RequireAuthorization(ChatPolicies.Agent)
            .AddEndpointFilter<ArchiveFailureFilter>();

        analytics.MapGet("/report", async (HttpContext http, IGrainFactory grains) =>
        {
            var (report, refused) = await ReportAsync(http, grains);
            return refused ?? Results.Json(report);
        });

        analytics.MapGet("/export", async (HttpContext http, IGrainFactory grains, IOptions<JsonOptions> json, string? table, string? format) =>
        {
            if (!AnalyticsTables.Names.Contains(table))
                return ChatErrors.InvalidInput($"table is one of {string.Join(", ", AnalyticsTables.Names)}.").AsResult();
            if (!AnalyticsExport.Formats.Contains(format ?? "csv"))
                return ChatErrors.InvalidInput($"format is one of {string.Join(", ", AnalyticsExport.Formats)}.").AsResult();
            var (report, refused) = await ReportAsync(http, grains);
            return refused ?? await AnalyticsExport.WriteAsync(table!, format ?? "csv", AnalyticsTables.Rows(report!, table)!, json.Value.SerializerOptions);
        });

        // The backfill by hand (it also runs by itself once per tenant): counts the archived chats analytics has not
        // counted yet, and says how many. A change, so the anti-forgery header is required, as for sign-out.
        analytics.MapPost("/backfill", async (HttpContext http, IAntiforgery antiforgery, IGrainFactory grains) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AccessRefusals.AntiforgeryRequired().AsResult();
            var added = await grains.GetGrain<IAnalyticsGrain>(ChatIdentity.From(http.User).TenantId).Backfill();
            return Results.Json(new { added });
        });
    }

    /// <summary>The report the query string asks for (from, to, tz, groupBy, agent), or the refusal: REST API v1 reads it the same way.</summary>
    internal static async Task<(AnalyticsReport? Report, IResult? Refused)> ReportAsync(HttpContext http, IGrainFactory grains)
    {
        var tenant = ChatIdentity.From(http.User).TenantId;
        var q = http.Request.Query;
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var query = new AnalyticsQuery
        {
            From = Text(q["from"]) ?? today,
            To = Text(q["to"]) ?? today,
            TimeZone = Text(q["tz"]) ?? "UTC",
            GroupBy = Text(q["groupBy"]) ?? "day",
            AgentId = Text(q["agent"]),
        };
        if (query.AgentId is { } agentId)
        {
            if (ChatInput.CheckId(agentId, "agent") is { } badId) return (null, badId.AsResult());
            if (await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, agentId)).GetProfile() is null)
                return (null, ChatErrors.InvalidInput("agent is not an operator of this workspace.").AsResult());
        }
        var report = await grains.GetGrain<IAnalyticsGrain>(tenant).Report(query);
        return report.Error is { } error ? (null, error.AsResult()) : (report.Value, null);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
