using ChatSupport.Api.Geo;
using ChatSupport.Api.Identity;
using ChatSupport.Api.Pushes;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Visitors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The visitor widget's hub (/hubs/visitor). A visitor reaches only their own sessions: the grains check it. Every
/// answer is the visitor's view (<see cref="VisitorSessionView"/>, <see cref="VisitorMessagePage"/>): no transfer note,
/// no operator username, no internal data.
/// </summary>
[Authorize(Policy = ChatPolicies.Visitor)]
public sealed class VisitorHub(IGrainFactory grains, SessionActions sessions, PushBridge bridge, VisitorLocator locator,
    ChatSupport.Api.Settings.WidgetSettingsCache widgetSettings) : Hub<IVisitorClient>
{
    private ChatIdentity Me => ChatIdentity.From(Context.User);
    private BridgeMember Member => new(BridgeHub.Visitor, Context.ConnectionId);

    /// <summary>Every visitor connection is pushed its workspace's saved settings (<see cref="IVisitorClient.SettingsChanged"/>).</summary>
    public override Task OnConnectedAsync() => widgetSettings.FollowAsync(Me.TenantId, Context.ConnectionId);

    /// <summary>
    /// Starts a chat, or returns the visitor's chat that is still open. The location is the server's: looked up from
    /// the client address (behind trusted proxies only), whatever the client sent; the address itself is not kept.
    /// </summary>
    public async Task<VisitorStartChatResult> StartChat(VisitorMetadata? metadata)
    {
        var me = Me;
        // Names and titles agents will read are cleaned of control and bidi-override characters (DisplayText).
        var given = DisplayText.Clean(metadata ?? VisitorMetadata.Empty) with { Location = null };
        HubResults.ThrowIf(given.Check());
        var located = given with { Location = locator.Locate(Context.GetHttpContext()?.Connection.RemoteIpAddress) };
        var session = (await grains.GetGrain<IVisitorGrain>(GrainKeys.Compose(me.TenantId, me.Caller.Id))
            .StartOrResumeChat(located)).OrThrow();
        await bridge.JoinSessionAsync(Member, GrainKeys.Compose(me.TenantId, session.SessionId));
        await PresentAsync(me, session.SessionId);
        var position = session.Status == ChatStatus.WaitingForAgent
            ? await grains.GetGrain<IDeskGrain>(me.TenantId).GetQueuePosition(session.SessionId)
            : null;
        return VisitorStartChatResult.Of(VisitorSessionView.Of(session), position);
    }

    public async Task<VisitorResumeResult> Resume(string sessionId, long afterSeq)
    {
        var resumed = await sessions.ResumeAsync(Me, Member, sessionId, afterSeq);
        await PresentAsync(Me, resumed.Session.SessionId);
        return VisitorResumeResult.Of(resumed);
    }

    public async Task<MessageAck> SendMessage(string sessionId, string clientMessageId, string text)
    {
        var ack = await sessions.SendAsync(Me, sessionId, clientMessageId, text);
        // The AI confidence of the visitor's latest question, computed in the silo; one-way, so the send never waits for it.
        if (!ack.Duplicate) await grains.GetGrain<ChatSupport.Contracts.Knowledge.IKnowledgeGrain>(Me.TenantId).AssessQuestion(sessionId, text);
        return ack;
    }

    public async Task<VisitorMessagePage> GetHistory(string sessionId, long afterSeq, int max) =>
        VisitorMessagePage.Of(await sessions.HistoryAsync(Me, sessionId, afterSeq, max));

    public async Task<VisitorSessionView> GetSession(string sessionId) => VisitorSessionView.Of(await sessions.SnapshotAsync(Me, sessionId));

    public Task SetTyping(string sessionId, bool isTyping) => sessions.TypingAsync(Me, sessionId, isTyping);

    public Task<DeliveryReceipts> Acknowledge(string sessionId, long deliveredUpTo, long readUpTo) =>
        sessions.AcknowledgeAsync(Me, sessionId, deliveredUpTo, readUpTo);

    public async Task<VisitorSessionView> CloseChat(string sessionId) =>
        VisitorSessionView.Of((await sessions.Session(Me, sessionId).CloseByVisitor(Me.Caller)).OrThrow());

    /// <summary>"Talk to a person" under the automatic answer: recorded once; the chat keeps its place in the queue.</summary>
    public async Task<VisitorSessionView> TalkToPerson(string sessionId) =>
        VisitorSessionView.Of((await sessions.Session(Me, sessionId).HandOffToPerson(Me.Caller)).OrThrow());

    public async Task<VisitorSessionView> RateChat(string sessionId, int stars, string? feedback, bool anonymous)
    {
        HubResults.ThrowIf(ChatInput.CheckRating(stars, feedback));
        var cleaned = DisplayText.Clean(feedback, multiline: true);
        return VisitorSessionView.Of((await sessions.Session(Me, sessionId).Rate(Me.Caller, stars, cleaned, anonymous)).OrThrow());
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await bridge.LeaveAllAsync(Member);
        if (!Context.Items.TryGetValue(PresentIn, out var present) || present is not HashSet<string> sessionIds) return;
        var me = Me;
        foreach (var sessionId in sessionIds)
            await sessions.Session(me, sessionId).VisitorPresence(me.Caller, Context.ConnectionId, connected: false);
    }

    /// <summary>The connection's chats, whose session was told the visitor is here (and is told when the connection ends).</summary>
    private static readonly object PresentIn = new();

    /// <summary>
    /// Tells the session this connection is the visitor's, live: a waiting chat with a live visitor is never abandoned.
    /// A refusal (the chat ended meanwhile) or a failed write is not the visitor's concern: their call goes on.
    /// </summary>
    private async Task PresentAsync(ChatIdentity me, string sessionId)
    {
        if (!Context.Items.TryGetValue(PresentIn, out var present) || present is not HashSet<string> sessionIds)
            Context.Items[PresentIn] = sessionIds = new HashSet<string>(StringComparer.Ordinal);
        if (!sessionIds.Add(sessionId)) return;
        await sessions.Session(me, sessionId).VisitorPresence(me.Caller, Context.ConnectionId, connected: true);
    }
}
