using ChatSupport.Api.Identity;
using ChatSupport.Api.Pushes;
using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.QuickReplies;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>The agent dashboard's hub (/hubs/agent): the live desk, assignment, and the chats an agent works in.</summary>
[Authorize(Policy = ChatPolicies.Agent)]
public sealed partial class AgentHub(IGrainFactory grains, SessionActions sessions, AgentCommands commands, PushBridge bridge) : Hub<IAgentClient>
{
    private ChatIdentity Me => ChatIdentity.From(Context.User);
    private BridgeMember Member => new(BridgeHub.Agent, Context.ConnectionId);

    public override async Task OnConnectedAsync() =>
        await Agent(Me.Caller.Id).Connected(Context.ConnectionId);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await bridge.LeaveAllAsync(Member);
        await Agent(Me.Caller.Id).Disconnected(Context.ConnectionId);
    }

    /// <summary>
    /// The first page (at most 200) of the open sessions of the agent's tenant, waiting ones first, with the cursor of the
    /// next page and the whole desk's counts; from now on the connection receives DeskChanged for every open session.
    /// </summary>
    public async Task<DeskSnapshot> GetDesk()
    {
        var me = Me;
        await bridge.JoinDeskAsync(Member, me.TenantId);
        return await grains.GetGrain<IDeskGrain>(me.TenantId).GetSnapshot();
    }

    /// <summary>The page after a GetDesk (or GetDeskPage) answer's nextCursor.</summary>
    public async Task<DeskSnapshot> GetDeskPage(string cursor)
    {
        var after = DeskPlace.Parse(cursor, out var bad);
        HubResults.ThrowIf(bad);
        return await grains.GetGrain<IDeskGrain>(Me.TenantId).GetPage(after!.Value);
    }

    /// <summary>
    /// "Close selected": closes each chat as resolved by the caller (waiting ones too), and answers for each id, in the
    /// order given, whether it closed or why not. Ids are looked up in the caller's tenant only: another tenant's chat is
    /// unknown_session. At most 200 ids, each once.
    /// </summary>
    public async Task<IReadOnlyList<CloseChatResult>> CloseChats(string[] sessionIds)
    {
        var me = Me;
        if (sessionIds is not { Length: > 0 and <= DeskPlace.PageSize })
            throw new HubException(ChatErrors.InvalidInput($"Close 1 to {DeskPlace.PageSize} chats at a time.").ToString());
        if (sessionIds.Distinct(StringComparer.Ordinal).Count() != sessionIds.Length)
            HubResults.ThrowIf(ChatErrors.InvalidInput("Name each chat once."));
        if (sessionIds.Select(id => ChatInput.CheckId(id, "sessionId")).FirstOrDefault(e => e is not null) is { } badId) HubResults.ThrowIf(badId);
        var results = new CloseChatResult[sessionIds.Length];
        // A few at a time: each is a storage write and a round of events, and one agent's click must not crowd the silo.
        await Parallel.ForAsync(0, sessionIds.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var closed = await sessions.Session(me, sessionIds[i]).CloseByAgent(me.Caller);
            results[i] = CloseChatResult.Of(sessionIds[i], closed.Error);
        });
        return results;
    }

    /// <summary>Opens a chat in the mini chat widget: the session, the messages after afterSeq, and its live events.</summary>
    public async Task<ResumeResult> OpenChat(string sessionId, long afterSeq)
    {
        var opened = await sessions.ResumeAsync(Me, Member, sessionId, afterSeq);
        // Read after joining the chat's events, like the messages: a note written in between arrives as NotePosted.
        var notes = (await sessions.Session(Me, sessionId).GetNotes(Me.Caller)).OrThrow();
        return opened with { Session = opened.Session.ForAgents(), Messages = opened.Session.ForAgents(opened.Messages), Notes = notes };
    }

    /// <summary>Stops the connection's live events of a chat (the widget was closed).</summary>
    public async Task LeaveChat(string sessionId)
    {
        HubResults.ThrowIf(ChatInput.CheckId(sessionId, "sessionId"));
        await bridge.LeaveSessionAsync(Member, GrainKeys.Compose(Me.TenantId, sessionId));
    }

    public async Task<ChatSessionSnapshot> AssignToMe(string sessionId) =>
        (await sessions.Session(Me, sessionId).Assign(Me.Caller, Me.Caller.AsAgent())).OrThrow().ForAgents();

    public Task<ChatSessionSnapshot> AssignTo(string sessionId, string agentId) => commands.AssignToAsync(Me, sessionId, agentId);

    public Task<ChatSessionSnapshot> Transfer(string sessionId, string toAgentId, string? note) => commands.TransferAsync(Me, sessionId, toAgentId, note);

    public Task<ChatSessionSnapshot> Resolve(string sessionId) => commands.ResolveAsync(Me, sessionId);

    public Task<MessageAck> SendMessage(string sessionId, string clientMessageId, string text) =>
        sessions.SendAsync(Me, sessionId, clientMessageId, text);

    /// <summary>The messages after afterSeq; an anonymously rated chat's visitor messages without their sender.</summary>
    public async Task<MessagePage> GetHistory(string sessionId, long afterSeq, int max)
    {
        var page = await sessions.HistoryAsync(Me, sessionId, afterSeq, max);
        return (await sessions.SnapshotAsync(Me, sessionId)).ForAgents(page);
    }

    public async Task<ChatSessionSnapshot> GetSession(string sessionId) => (await sessions.SnapshotAsync(Me, sessionId)).ForAgents();

    public Task SetTyping(string sessionId, bool isTyping) => sessions.TypingAsync(Me, sessionId, isTyping);

    public Task<DeliveryReceipts> Acknowledge(string sessionId, long deliveredUpTo, long readUpTo) =>
        sessions.AcknowledgeAsync(Me, sessionId, deliveredUpTo, readUpTo);

    /// <summary>The agents chats can be assigned or transferred to: online first, then by name.</summary>
    public Task<IReadOnlyList<TeamMember>> GetTeam() => grains.GetGrain<ITeamGrain>(Me.TenantId).GetMembers();

    /// <summary>
    /// The visitor's chats, newest first (at most 10): the details panel's "previous chats". A chat they rated
    /// anonymously is not listed: listing it under them would show who gave that rating.
    /// </summary>
    public Task<IReadOnlyList<ChatSessionSnapshot>> GetVisitorChats(string visitorId) => commands.VisitorChatsAsync(Me, visitorId);

    /// <summary>
    /// Adds a private note to any chat of the tenant, open or resolved. Every @username in it must be an agent of the
    /// tenant (<c>unknown_agent</c> otherwise, nothing stored); they are notified (MentionEventConsumer).
    /// </summary>
    public Task<ChatNote> AddNote(string sessionId, string clientNoteId, string text) => commands.AddNoteAsync(Me, Me.Caller, sessionId, clientNoteId, text);

    public async Task<IReadOnlyList<ChatNote>> GetNotes(string sessionId) =>
        (await sessions.Session(Me, sessionId).GetNotes(Me.Caller)).OrThrow();

    public Task<IReadOnlyList<QuickReply>> GetQuickReplies() => QuickReplies.GetAll();

    /// <summary>Adds (id null) or edits a quick reply; every agent may (all are System Admins).</summary>
    public async Task<QuickReply> SaveQuickReply(string? id, string shortcut, string text) =>
        (await QuickReplies.Save(id, shortcut, text)).OrThrow();

    public async Task DeleteQuickReply(string id) => (await QuickReplies.Delete(id)).OrThrow();

    private IQuickRepliesGrain QuickReplies => grains.GetGrain<IQuickRepliesGrain>(Me.TenantId);

    private Task<AgentRef> AgentRefAsync(string agentId) => commands.AgentRefAsync(Me.TenantId, agentId);

    private IAgentGrain Agent(string agentId) => grains.GetGrain<IAgentGrain>(GrainKeys.Compose(Me.TenantId, agentId));
}
