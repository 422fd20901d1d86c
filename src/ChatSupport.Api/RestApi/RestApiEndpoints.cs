using ChatSupport.Api.ApiKeys;
using ChatSupport.Api.Archive;
using ChatSupport.Api.Endpoints;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.ApiKeys;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.QuickReplies;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using static ChatSupport.Api.RestApi.RestCalls;

namespace ChatSupport.Api.RestApi;

/// <summary>
/// REST API v1 (docs/protocol.md, "REST API v1"): for servers holding an API key, never for browsers (no cookie opens it).
/// Every route needs a scope (read, write or admin), counts against the key's rate limit, and answers refusals as
/// <c>{ error, message, field? }</c>.
/// </summary>
public static class RestApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static void MapRestApi(this WebApplication app)
    {
        var read = ApiKeySetup.PolicyOf(ApiKeyScopes.Read);
        var write = ApiKeySetup.PolicyOf(ApiKeyScopes.Write);
        var admin = ApiKeySetup.PolicyOf(ApiKeyScopes.Admin);
        var v1 = app.MapGroup(Prefix)
            .RequireRateLimiting(ApiKeySetup.RateLimit)
            .AddEndpointFilter<ArchiveFailureFilter>()
            .WithGroupName(RestApiDocument.Name)
            .ProducesProblemShape();

        v1.MapChatRoutes(read, write);

        v1.MapGet("/visitors/{visitorId}/chats", (AgentCommands commands, HttpContext http, string visitorId) =>
                ReadAsync(() => commands.VisitorChatsAsync(Caller(http), visitorId)))
            .WithTags("Visitors").WithSummary("The visitor's chats, newest first (at most 10; anonymously rated ones are left out).")
            .Produces<IReadOnlyList<ChatSessionSnapshot>>().RequireAuthorization(read);

        v1.MapGet("/analytics/report", async (HttpContext http, IGrainFactory grains) =>
            {
                var (report, refused) = await AnalyticsEndpoints.ReportAsync(http, grains);
                return refused ?? Results.Json(report);
            })
            .WithTags("Analytics").WithSummary("The analytics report: from, to (yyyy-MM-dd), tz, groupBy (hour, day, week, month), agent.")
            .Produces<AnalyticsReport>().RequireAuthorization(read);

        v1.MapGet("/quick-replies", async (HttpContext http, IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<IQuickRepliesGrain>(Caller(http).TenantId).GetAll()))
            .WithTags("Quick replies").WithSummary("The workspace's quick replies.").Produces<IReadOnlyList<QuickReply>>().RequireAuthorization(read);

        v1.MapGet("/knowledge/articles", async (HttpContext http, IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<IKnowledgeGrain>(Caller(http).TenantId).GetArticles()))
            .WithTags("Knowledge").WithSummary("The workspace's knowledge articles.").Produces<IReadOnlyList<KnowledgeArticle>>().RequireAuthorization(read);

        v1.MapGet("/settings", async (HttpContext http, IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<ISettingsGrain>(Caller(http).TenantId).Get()))
            .WithTags("Settings").WithSummary("The workspace settings document, with its version.").Produces<WorkspaceSettings>().RequireAuthorization(read);

        // The whole document with its version, as the Settings page saves it: version_conflict (409) when it moved on meanwhile.
        v1.MapPut("/settings", (RestCalls calls, HttpContext http, IGrainFactory grains) =>
                calls.WriteAsync<WorkspaceSettings, WorkspaceSettings>(http, async draft =>
                {
                    var me = Caller(http);
                    var saved = await grains.GetGrain<ISettingsGrain>(me.TenantId).Save(draft, draft.Version, me.Caller.Id);
                    return saved.OrThrow();
                }))
            .WithTags("Settings").WithSummary("Saves the whole settings document (admin scope); audited like the Settings page.")
            .Accepts<WorkspaceSettings>("application/json").Produces<WorkspaceSettings>().RequireAuthorization(admin);
    }

    /// <summary>Every refusal a v1 route can give has the same body; the statuses are listed once here for the document.</summary>
    private static RouteGroupBuilder ProducesProblemShape(this RouteGroupBuilder group)
    {
        foreach (var status in new[] { 400, 401, 403, 404, 409, 413, 429, 503 })
            group.WithMetadata(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(status, typeof(RestError), ["application/json"]));
        return group;
    }
}
