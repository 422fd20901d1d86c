using ChatSupport.Api.Archive;
using ChatSupport.Api.Endpoints;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Archive;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Sessions;
using static ChatSupport.Api.RestApi.RestCalls;

namespace ChatSupport.Api.RestApi;

/// <summary>
/// /api/v1/chats: the desk (open chats), the resolved chats with the archive's filters, one chat, its messages, and the
/// agent's commands. The commands are the agent hub's (<see cref="AgentCommands"/>, <see cref="SessionActions"/>), so
/// the session grain decides and the refusals are the same.
/// </summary>
public static class ChatRoutes
{
    public static void MapChatRoutes(this RouteGroupBuilder v1, string read, string write)
    {
        var chats = v1.MapGroup("/chats").WithTags("Chats");

        chats.MapGet("", async (IGrainFactory grains, HttpContext http, string? cursor) =>
        {
            var desk = grains.GetGrain<IDeskGrain>(Caller(http).TenantId);
            if (cursor is null) return Results.Json(await desk.GetSnapshot());
            var after = DeskPlace.Parse(cursor, out var bad);
            return bad is not null ? bad.AsRestResult("cursor") : Results.Json(await desk.GetPage(after!.Value));
        }).WithSummary("The open chats (the desk): waiting first in queue order, then the rest, newest first; 200 a page.")
          .Produces<DeskSnapshot>().RequireAuthorization(read);

        chats.MapGet("/resolved", async (IGrainFactory grains, HttpContext http, string? cursor) =>
        {
            var badPageSize = ArchiveEndpoints.Number(http, "pageSize", ArchiveEndpoints.DefaultPageSize, out var pageSize);
            if ((ArchiveQuery.TryParse(http.Request.Query, out var filter) ?? badPageSize) is { } bad) return bad.AsRestResult();
            var page = await grains.GetGrain<IArchiveGrain>(0).List(Caller(http).TenantId, filter, cursor, (int)pageSize);
            return page.Error is { } error ? error.AsRestResult() : Results.Json(page.Value);
        }).WithSummary("The resolved chats, with the archive's filters (from, to as ISO 8601 instants; rating, visitor, agent, label, note), cursor and pageSize.")
          .Produces<ArchivePage>().RequireAuthorization(read);

        chats.MapGet("/{sessionId}", (SessionActions sessions, HttpContext http, string sessionId) =>
                ReadAsync(async () => (await sessions.SnapshotAsync(Caller(http), sessionId)).ForAgents()))
            .WithSummary("One chat, open or resolved.").Produces<ChatSessionSnapshot>().RequireAuthorization(read);

        chats.MapGet("/{sessionId}/messages", async (SessionActions sessions, HttpContext http, string sessionId) =>
        {
            var badAfter = ArchiveEndpoints.Number(http, "afterSeq", 0, out var afterSeq);
            var badMax = ArchiveEndpoints.Number(http, "max", ChatLimits.HistoryPageMax, out var max);
            if ((badAfter ?? badMax) is { } bad) return bad.AsRestResult();
            return await ReadAsync(async () =>
            {
                var me = Caller(http);
                var page = await sessions.HistoryAsync(me, sessionId, afterSeq, (int)max);
                return (await sessions.SnapshotAsync(me, sessionId)).ForAgents(page);
            });
        }).WithSummary("The chat's messages after afterSeq (default 0), at most max, in order: a client that read up to N asks for afterSeq=N.")
          .Produces<MessagePage>().RequireAuthorization(read);

        chats.MapPost("/{sessionId}/messages", (RestCalls calls, AgentCommands commands, SessionActions sessions, HttpContext http, string sessionId) =>
                calls.WriteAsync<SendMessageRequest, MessageAck>(http, async body =>
                {
                    var me = Caller(http);
                    var agent = await commands.AgentRefAsync(me.TenantId, body.AgentId!);
                    var clientMessageId = body.ClientMessageId ?? ClientIdOf(http);
                    return await sessions.SendAsync(me with { Caller = ChatCaller.Agent(agent) }, sessionId, clientMessageId, body.Text);
                }))
            .WithSummary("Sends a message as the named agent, who must be the chat's assigned agent. Stored before it is answered.")
            .Accepts<SendMessageRequest>("application/json").Produces<MessageAck>()
            .WithMetadata(new RestExample(new SendMessageRequest { AgentId = "alex", Text = "Thanks for waiting — I'm on it.", ClientMessageId = "crm-5521" },
                new MessageAck { Seq = 4, ClientMessageId = "crm-5521", SentAt = DateTimeOffset.Parse("2026-11-30T10:15:00+00:00") }))
            .RequireAuthorization(write);

        chats.MapPost("/{sessionId}/assign", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId) =>
                calls.WriteAsync<AssignRequest, ChatSessionSnapshot>(http, body => commands.AssignToAsync(Caller(http), sessionId, body.AgentId!)))
            .WithSummary("Assigns a waiting chat to the named agent (already_assigned when someone has it).")
            .Accepts<AssignRequest>("application/json").Produces<ChatSessionSnapshot>()
            .WithMetadata(new RestExample(new AssignRequest { AgentId = "alex" }, null)).RequireAuthorization(write);

        chats.MapPost("/{sessionId}/transfer", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId) =>
                calls.WriteAsync<TransferRequest, ChatSessionSnapshot>(http, body => commands.TransferAsync(Caller(http), sessionId, body.ToAgentId!, body.Note)))
            .WithSummary("Hands an assigned or active chat to another agent, with an optional note for them.")
            .Accepts<TransferRequest>("application/json").Produces<ChatSessionSnapshot>()
            .WithMetadata(new RestExample(new TransferRequest { ToAgentId = "sam", Note = "Billing question, over to you." }, null)).RequireAuthorization(write);

        chats.MapPost("/{sessionId}/resolve", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId) =>
                calls.WriteAsync<ResolveRequest, ChatSessionSnapshot>(http, _ => commands.ResolveAsync(Caller(http), sessionId)))
            .WithSummary("Resolves an assigned or active chat; the visitor is asked for a rating.")
            .Accepts<ResolveRequest>("application/json").Produces<ChatSessionSnapshot>().RequireAuthorization(write);

        chats.MapPost("/{sessionId}/notes", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId) =>
                calls.WriteAsync<AddNoteRequest, ChatNote>(http, async body =>
                {
                    var me = Caller(http);
                    var author = ChatCaller.Agent(await commands.AgentRefAsync(me.TenantId, body.AgentId!));
                    var clientNoteId = body.ClientNoteId ?? ClientIdOf(http);
                    return await commands.AddNoteAsync(me, author, sessionId, clientNoteId, body.Text ?? "");
                }))
            .WithSummary("Adds a private note by the named agent (never shown to the visitor); @username mentions notify.")
            .Accepts<AddNoteRequest>("application/json").Produces<ChatNote>()
            .WithMetadata(new RestExample(new AddNoteRequest { AgentId = "alex", Text = "Refund approved in the CRM.", ClientNoteId = "crm-note-17" }, null))
            .RequireAuthorization(write);

        chats.MapPost("/{sessionId}/labels", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId) =>
                calls.WriteAsync<AddLabelRequest, ChatSessionSnapshot>(http, body => commands.SetLabelAsync(Caller(http), sessionId, body.LabelId!, on: true)))
            .WithSummary("Puts one of the workspace's labels on the chat, open or resolved.")
            .Accepts<AddLabelRequest>("application/json").Produces<ChatSessionSnapshot>()
            .WithMetadata(new RestExample(new AddLabelRequest { LabelId = "billing" }, null)).RequireAuthorization(write);

        chats.MapDelete("/{sessionId}/labels/{labelId}", (RestCalls calls, AgentCommands commands, HttpContext http, string sessionId, string labelId) =>
                calls.WriteAsync<ResolveRequest, ChatSessionSnapshot>(http, _ => commands.SetLabelAsync(Caller(http), sessionId, labelId, on: false)))
            .WithSummary("Takes a label off the chat.").Produces<ChatSessionSnapshot>().RequireAuthorization(write);
    }
}
