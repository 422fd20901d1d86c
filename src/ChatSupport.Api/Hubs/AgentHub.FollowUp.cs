using ChatSupport.Contracts;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.Labels;
using ChatSupport.Contracts.Reviews;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>Labels, reopening, follow-ups, the agent's notifications and the low-rating reviews (docs/protocol.md).</summary>
public sealed partial class AgentHub
{
    public Task<IReadOnlyList<ChatLabel>> GetLabels() => Labels.GetAll();

    /// <summary>Adds (id null) or edits one of the tenant's labels.</summary>
    public async Task<ChatLabel> SaveLabel(string? id, string name, string color) => (await Labels.Save(id, name, color)).OrThrow();

    public async Task DeleteLabel(string id) => (await Labels.Delete(id)).OrThrow();

    public Task<ChatSessionSnapshot> AddLabel(string sessionId, string labelId) => SetLabelAsync(sessionId, labelId, on: true);

    public Task<ChatSessionSnapshot> RemoveLabel(string sessionId, string labelId) => SetLabelAsync(sessionId, labelId, on: false);

    /// <summary>resolved → active_chat with the same agent; refused while the visitor has another chat open.</summary>
    public async Task<ChatSessionSnapshot> Reopen(string sessionId)
    {
        var me = Me;
        var session = (await sessions.Session(me, sessionId).GetSnapshot(me.Caller)).OrThrow();
        var visitor = grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(me.TenantId, session.VisitorId));
        return (await visitor.ReopenChat(session.SessionId, me.Caller)).OrThrow().ForAgents();
    }

    /// <summary>A follow-up on a resolved chat for the caller at dueAt (the dashboard offers 1 hour, tomorrow, next week, a chosen time).</summary>
    public async Task<ChatSessionSnapshot> SetFollowUp(string sessionId, DateTimeOffset dueAt) =>
        (await sessions.Session(Me, sessionId).SetFollowUp(Me.Caller, dueAt)).OrThrow().ForAgents();

    /// <summary>The caller's notifications and follow-ups; from now on the connection receives AgentNotified.</summary>
    public async Task<AgentInbox> GetInbox()
    {
        var key = GrainKeys.Compose(Me.TenantId, Me.Caller.Id);
        await bridge.JoinInboxAsync(Member, key);
        return await grains.GetGrain<IAgentInboxGrain>(key).Get();
    }

    public Task MarkNotificationsRead() => grains.GetGrain<IAgentInboxGrain>(GrainKeys.Compose(Me.TenantId, Me.Caller.Id)).MarkAllRead();

    /// <summary>The low-rated chats (1–2 stars) waiting for a review, newest rating first.</summary>
    public Task<IReadOnlyList<ChatReview>> GetReviews() => grains.GetGrain<IReviewGrain>(Me.TenantId).GetPending();

    public async Task<ChatReview> MarkReviewed(string sessionId, string note)
    {
        HubResults.ThrowIf(ChatInput.CheckId(sessionId, "sessionId"));
        return (await grains.GetGrain<IReviewGrain>(Me.TenantId).MarkReviewed(sessionId, Me.Caller.AsAgent(), note)).OrThrow();
    }

    private Task<ChatSessionSnapshot> SetLabelAsync(string sessionId, string labelId, bool on) => commands.SetLabelAsync(Me, sessionId, labelId, on);

    private ILabelsGrain Labels => grains.GetGrain<ILabelsGrain>(Me.TenantId);
}
