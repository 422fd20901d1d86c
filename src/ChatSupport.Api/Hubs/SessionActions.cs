using ChatSupport.Api.Identity;
using ChatSupport.Api.Pushes;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// What the visitor and agent hubs share: the per-session calls both parties make. The grain checks who
/// may do what; this class checks the arguments early, joins the caller to the session's live events,
/// and turns refusals into hub errors.
/// </summary>
public sealed class SessionActions(IGrainFactory grains, PushBridge bridge, SiloLoss.SiloLossSignal siloLoss)
{
    public const int DefaultPageSize = 50;

    public IChatSessionGrain Session(ChatIdentity who, string? sessionId)
    {
        HubResults.ThrowIf(ChatInput.CheckId(sessionId, "sessionId"));
        return grains.GetGrain<IChatSessionGrain>(GrainKeys.Compose(who.TenantId, sessionId!));
    }

    /// <summary>Subscribes the connection first, then reads: whatever happens in between arrives as an event, so nothing falls in a gap.</summary>
    public async Task<ResumeResult> ResumeAsync(ChatIdentity who, BridgeMember member, string? sessionId, long afterSeq)
    {
        var session = Session(who, sessionId);
        var snapshot = (await session.GetSnapshot(who.Caller)).OrThrow();
        await bridge.JoinSessionAsync(member, GrainKeys.Compose(who.TenantId, snapshot.SessionId));
        var page = (await session.GetMessages(who.Caller, afterSeq, DefaultPageSize)).OrThrow();
        var position = snapshot.Status == ChatStatus.WaitingForAgent
            ? await grains.GetGrain<IDeskGrain>(who.TenantId).GetQueuePosition(snapshot.SessionId)
            : null;
        return new ResumeResult(snapshot, page, position);
    }

    public async Task<MessageAck> SendAsync(ChatIdentity who, string? sessionId, string? clientMessageId, string? text)
    {
        HubResults.ThrowIf(ChatInput.CheckClientMessageId(clientMessageId) ?? ChatInput.CheckMessageText(text, out _));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ack = (await Session(who, sessionId).PostMessage(who.Caller, clientMessageId!, text!, siloLoss.Token)).OrThrow();
        Telemetry.ApiMetrics.AckDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return ack;
    }

    public async Task<MessagePage> HistoryAsync(ChatIdentity who, string? sessionId, long afterSeq, int max) =>
        (await Session(who, sessionId).GetMessages(who.Caller, afterSeq, max)).OrThrow();

    public async Task<ChatSessionSnapshot> SnapshotAsync(ChatIdentity who, string? sessionId) =>
        (await Session(who, sessionId).GetSnapshot(who.Caller)).OrThrow();

    public async Task TypingAsync(ChatIdentity who, string? sessionId, bool isTyping) =>
        (await Session(who, sessionId).SetTyping(who.Caller, isTyping)).OrThrow();

    public async Task<DeliveryReceipts> AcknowledgeAsync(ChatIdentity who, string? sessionId, long deliveredUpTo, long readUpTo) =>
        (await Session(who, sessionId).Acknowledge(who.Caller, deliveredUpTo, readUpTo)).OrThrow();
}
