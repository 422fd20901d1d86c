using ChatSupport.Api.Archive;
using ChatSupport.Api.Errors;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Security;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Endpoints;

/// <summary>
/// The resolved-chats view (docs/protocol.md, "Archive routes"): list and search, one chat, its transcript,
/// exports, and ratings per agent. Read-only GETs for System Admins of an entitled tenant, like the agent hub.
/// </summary>
public static class ArchiveEndpoints
{
    public const int DefaultPageSize = 25;

    public static void MapArchiveEndpoints(this WebApplication app)
    {
        var archive = app.MapGroup("/api/archive")
            .RequireAuthorization(ChatPolicies.Agent)
            .AddEndpointFilter<ArchiveFailureFilter>();

        archive.MapGet("/chats", async (HttpContext http, IGrainFactory grains, string? cursor) =>
        {
            var badPageSize = Number(http, "pageSize", DefaultPageSize, out var pageSize);
            if ((ArchiveQuery.TryParse(http.Request.Query, out var filter) ?? badPageSize) is { } bad) return bad.AsResult();
            var page = await Archive(grains).List(Tenant(http), filter, cursor, (int)pageSize);
            return page.Error is { } error ? error.AsResult() : Results.Json(page.Value);
        });

        archive.MapGet("/chats/{sessionId}", async (HttpContext http, IGrainFactory grains, string sessionId) =>
        {
            if (ChatInput.CheckId(sessionId, "sessionId") is { } bad) return bad.AsResult();
            return await Archive(grains).Get(Tenant(http), sessionId) is { } chat ? Results.Json(chat) : ChatErrors.UnknownSession().AsResult();
        });

        archive.MapGet("/chats/{sessionId}/messages", async (HttpContext http, IGrainFactory grains, string sessionId) =>
        {
            var badAfter = Number(http, "afterSeq", 0, out var afterSeq);
            var badMax = Number(http, "max", ChatLimits.HistoryPageMax, out var max);
            if ((ChatInput.CheckId(sessionId, "sessionId") ?? badAfter ?? badMax) is { } bad) return bad.AsResult();
            var page = await Archive(grains).GetTranscript(Tenant(http), sessionId, afterSeq, (int)max);
            return page.Error is { } error ? error.AsResult() : Results.Json(page.Value);
        });

        archive.MapGet("/chats/{sessionId}/notes", async (HttpContext http, IGrainFactory grains, string sessionId) =>
        {
            if (ChatInput.CheckId(sessionId, "sessionId") is { } bad) return bad.AsResult();
            var notes = await Archive(grains).GetNotes(Tenant(http), sessionId);
            return notes.Error is { } error ? error.AsResult() : Results.Json(notes.Value);
        });

        archive.MapGet("/chats/{sessionId}/export", async (HttpContext http, IGrainFactory grains, TranscriptExporter exporter, string sessionId, string? format) =>
        {
            if (ChatInput.CheckId(sessionId, "sessionId") is { } bad) return bad.AsResult();
            if (TranscriptFormats.Create(format) is not { } writer) return BadFormat();
            if (await Archive(grains).Get(Tenant(http), sessionId) is not { } chat) return ChatErrors.UnknownSession().AsResult();
            await exporter.WriteAsync(http.Response, writer, $"chat-{sessionId}", One(chat), http.RequestAborted);
            return Results.Empty;
        });

        archive.MapGet("/export", async (HttpContext http, TranscriptExporter exporter, string? format) =>
        {
            if (ArchiveQuery.TryParse(http.Request.Query, out var filter) is { } bad) return bad.AsResult();
            if (TranscriptFormats.Create(format) is not { } writer) return BadFormat();
            var name = $"resolved-chats-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}";
            await exporter.WriteAsync(http.Response, writer, name, exporter.MatchingAsync(Tenant(http), filter, http.RequestAborted), http.RequestAborted);
            return Results.Empty;
        });

        archive.MapGet("/agents", async (HttpContext http, IGrainFactory grains) =>
        {
            var stats = await Archive(grains).GetAgentRatings(Tenant(http));
            return Results.Json(stats.OrderBy(s => s.AgentName, StringComparer.CurrentCultureIgnoreCase)
                .Select(s => new { s.AgentId, s.AgentName, s.Count, s.StarsSum, s.Average }));
        });
    }

    /// <summary>An optional whole-number query parameter; a malformed one is invalid_input, not a binding failure without a body.</summary>
    internal static ChatError? Number(HttpContext http, string name, long fallback, out long value)
    {
        value = fallback;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0) return null;
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value)
               && value is >= int.MinValue and <= int.MaxValue
            ? null
            : ChatErrors.InvalidInput($"{name} is a whole number.");
    }

    private static IArchiveGrain Archive(IGrainFactory grains) => grains.GetGrain<IArchiveGrain>(0);

    private static string Tenant(HttpContext http) => ChatIdentity.From(http.User).TenantId;

    private static IResult BadFormat() =>
        ChatErrors.InvalidInput($"format is one of {string.Join(", ", TranscriptFormats.Names)}.").AsResult();

    private static async IAsyncEnumerable<ArchivedChat> One(ArchivedChat chat)
    {
        await Task.CompletedTask;
        yield return chat;
    }

    /// <summary>A refusal as HTTP: 400 for bad input, 404 for an unknown chat, 503 for storage trouble, 500 for anything else.</summary>
    public static IResult AsResult(this ChatError error) => Results.Json(new { error = error.Code, message = error.Message }, statusCode: error.Code switch
    {
        "unknown_session" => StatusCodes.Status404NotFound,
        "try_again" => StatusCodes.Status503ServiceUnavailable,
        ServerErrors.Code => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    });
}
