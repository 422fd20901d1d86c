using ChatSupport.Api.Identity;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Labels;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The agent-side chat commands the agent hub and REST API v1 share: one place that checks the arguments, looks up the
/// agents named, and calls the session grain, so both answer with the same refusal codes (as <see cref="HubException"/>s
/// starting with the code; the REST routes turn them into HTTP statuses).
/// </summary>
public sealed class AgentCommands(IGrainFactory grains, SessionActions sessions)
{
    public const int PreviousChatsShown = 10;

    public async Task<ChatSessionSnapshot> AssignToAsync(ChatIdentity me, string sessionId, string agentId) =>
        (await sessions.Session(me, sessionId).Assign(me.Caller, await AgentRefAsync(me.TenantId, agentId))).OrThrow().ForAgents();

    public async Task<ChatSessionSnapshot> TransferAsync(ChatIdentity me, string sessionId, string toAgentId, string? note) =>
        (await sessions.Session(me, sessionId).Transfer(me.Caller, await AgentRefAsync(me.TenantId, toAgentId), note)).OrThrow().ForAgents();

    public async Task<ChatSessionSnapshot> ResolveAsync(ChatIdentity me, string sessionId) =>
        (await sessions.Session(me, sessionId).Resolve(me.Caller)).OrThrow().ForAgents();

    /// <summary>
    /// Adds a private note by <paramref name="author"/>. Every @username in it must be an agent of the tenant
    /// (<c>unknown_agent</c> otherwise, nothing stored); they are notified (MentionEventConsumer).
    /// </summary>
    public async Task<ChatNote> AddNoteAsync(ChatIdentity me, ChatCaller author, string sessionId, string clientNoteId, string text)
    {
        HubResults.ThrowIf(ChatInput.CheckId(clientNoteId, "clientNoteId", ChatLimits.ClientMessageIdMaxLength) ?? NoteInput.CheckText(text, out _));
        var mentions = new List<AgentRef>();
        foreach (var id in NoteInput.MentionedIds(text)) mentions.Add(await MentionedAgentAsync(me.TenantId, id));
        return (await sessions.Session(me, sessionId).AddNote(author, clientNoteId, text, mentions)).OrThrow();
    }

    public async Task<ChatSessionSnapshot> SetLabelAsync(ChatIdentity me, string sessionId, string labelId, bool on)
    {
        HubResults.ThrowIf(ChatInput.CheckId(labelId, "labelId"));
        // Only a label of the tenant goes on; one deleted meanwhile can still come off.
        if (on && (await grains.GetGrain<ILabelsGrain>(me.TenantId).GetAll()).All(l => l.Id != labelId))
            throw new HubException(LabelInput.UnknownLabel(labelId).ToString());
        return (await sessions.Session(me, sessionId).SetLabel(me.Caller, labelId, on)).OrThrow().ForAgents();
    }

    /// <summary>
    /// The visitor's chats, newest first (at most 10). A chat they rated anonymously is not listed: listing it under them
    /// would show who gave that rating.
    /// </summary>
    public async Task<IReadOnlyList<ChatSessionSnapshot>> VisitorChatsAsync(ChatIdentity me, string visitorId)
    {
        HubResults.ThrowIf(ChatInput.CheckId(visitorId, "visitorId"));
        var ids = await grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(me.TenantId, visitorId)).GetSessionIds();
        var snapshots = await Task.WhenAll(ids.Take(PreviousChatsShown).Select(id => sessions.Session(me, id).GetSnapshot(me.Caller)));
        return snapshots.Where(r => r.Error is null && !r.Value!.HidesVisitor).Select(r => r.Value!).ToList();
    }

    /// <summary>Another operator of the tenant who is an agent (<see cref="OperatorProfile.CanTakeChats"/>).</summary>
    public async Task<AgentRef> AgentRefAsync(string tenantId, string agentId)
    {
        HubResults.ThrowIf(ChatInput.CheckId(agentId, "agentId"));
        var profile = await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenantId, agentId)).GetProfile();
        if (profile is not { CanTakeChats: true }) throw new HubException(ChatErrors.UnknownAgent().ToString());
        return new AgentRef(agentId, profile.DisplayName);
    }

    private async Task<AgentRef> MentionedAgentAsync(string tenantId, string agentId)
    {
        var profile = await grains.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenantId, agentId)).GetProfile();
        if (profile is not { CanTakeChats: true }) throw new HubException(ChatErrors.UnknownMention(agentId).ToString());
        return new AgentRef(agentId, profile.DisplayName);
    }
}
