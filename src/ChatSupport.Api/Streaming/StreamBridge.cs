using ChatSupport.Api.Hubs;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace ChatSupport.Api.Streaming;

public enum BridgeHub { Visitor, Agent }

/// <summary>A SignalR connection on one of the two hubs.</summary>
public readonly record struct BridgeMember(BridgeHub Hub, string ConnectionId);

/// <summary>
/// Turns Orleans stream events into SignalR pushes. This node subscribes once per stream, however many
/// of its connections watch it, fans events out to SignalR groups, and unsubscribes when its last
/// interested connection leaves. It holds no chat state: only who on this node listens to what.
/// </summary>
public sealed class StreamBridge(
    IClusterClient cluster,
    IHubContext<VisitorHub, IVisitorClient> visitors,
    IHubContext<AgentHub, IAgentClient> agents,
    OperatorConnections operatorConnections,
    ILogger<StreamBridge> logger)
{
    private sealed class Interest
    {
        public readonly HashSet<BridgeMember> Members = [];
        public required Task<StreamSubscriptionHandle<object>> Subscription;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<StreamId, Interest> _interests = [];
    private readonly Dictionary<BridgeMember, HashSet<StreamId>> _streamsByMember = [];

    public Task JoinSessionAsync(BridgeMember member, string sessionKey) =>
        JoinAsync(member, StreamId.Create(ChatStreams.SessionNamespace, sessionKey), HubGroups.Session(sessionKey));

    public Task JoinDeskAsync(BridgeMember member, string tenantId) =>
        JoinAsync(member, StreamId.Create(ChatStreams.DeskNamespace, tenantId), HubGroups.Desk(tenantId));

    /// <summary>The operator's sign-ins that end early (<see cref="SignInEnded"/>): their connections on this node are closed.</summary>
    public Task JoinSignInAsync(BridgeMember member, string operatorKey) =>
        JoinAsync(member, StreamId.Create(ChatStreams.SignInNamespace, operatorKey), group: null);
    public Task JoinInboxAsync(BridgeMember member, string agentKey) =>
        JoinAsync(member, StreamId.Create(ChatSupport.Contracts.Inbox.ChatInboxStreams.Namespace, agentKey), HubGroups.Inbox(agentKey));

    public Task LeaveSessionAsync(BridgeMember member, string sessionKey) =>
        LeaveAsync(member, StreamId.Create(ChatStreams.SessionNamespace, sessionKey));

    /// <summary>Called when a connection closes: drops its interest in every stream.</summary>
    public async Task LeaveAllAsync(BridgeMember member)
    {
        StreamId[] streams;
        lock (_gate) streams = _streamsByMember.TryGetValue(member, out var set) ? [.. set] : [];
        foreach (var stream in streams) await LeaveAsync(member, stream);
    }

    private async Task JoinAsync(BridgeMember member, StreamId streamId, string? group)
    {
        if (group is not null) await Groups(member.Hub).AddToGroupAsync(member.ConnectionId, group);
        Interest interest;
        lock (_gate)
        {
            if (!_interests.TryGetValue(streamId, out interest!))
            {
                interest = new Interest { Subscription = SubscribeAsync(streamId) };
                _interests[streamId] = interest;
            }
            interest.Members.Add(member);
            if (!_streamsByMember.TryGetValue(member, out var streams)) _streamsByMember[member] = streams = [];
            streams.Add(streamId);
        }
        try
        {
            await interest.Subscription;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Subscription to {Stream} failed", streamId);
            lock (_gate)
            {
                if (_interests.TryGetValue(streamId, out var current) && current == interest) _interests.Remove(streamId);
                _streamsByMember.GetValueOrDefault(member)?.Remove(streamId);
            }
            throw new HubException(ChatErrors.StorageUnavailable().ToString());
        }
    }

    private async Task LeaveAsync(BridgeMember member, StreamId streamId)
    {
        Interest? abandoned = null;
        lock (_gate)
        {
            if (_streamsByMember.TryGetValue(member, out var streams) && streams.Remove(streamId) && streams.Count == 0)
                _streamsByMember.Remove(member);
            if (_interests.TryGetValue(streamId, out var interest) && interest.Members.Remove(member) && interest.Members.Count == 0)
            {
                _interests.Remove(streamId);
                abandoned = interest;
            }
        }
        if (abandoned is null) return;
        try
        {
            await (await abandoned.Subscription).UnsubscribeAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Unsubscribing from {Stream} failed", streamId);
        }
    }

    private Task<StreamSubscriptionHandle<object>> SubscribeAsync(StreamId streamId) =>
        cluster.GetStreamProvider(ChatStreams.Provider).GetStream<object>(streamId)
            .SubscribeAsync((item, _) => ForwardAsync(item));

    private Task ForwardAsync(object item) => item switch
    {
        SignInEnded ended => CloseConnections(ended),
        DeskDelta delta => agents.Clients.Group(HubGroups.Desk(delta.TenantId)).DeskChanged(delta),
        ChatSupport.Contracts.Inbox.AgentNotified n => agents.Clients.Group(HubGroups.Inbox(GrainKeys.Compose(n.TenantId, n.AgentId))).AgentNotified(n),
        // Typing goes only to the other party: nobody needs their own indicator echoed back.
        TypingChanged typing => typing.Party == ChatParty.Visitor ? AgentClients(typing).Push(typing) : VisitorClients(typing).Push(typing),
        QueuePositionChanged position => VisitorClients(position).Push(position),
        // Internal: a note, and a change the visitor cannot see (a label), go to the agents and nowhere else.
        NotePosted note => AgentClients(note).NotePosted(note),
        SessionChanged { AgentsOnly: true } changed => AgentClients(changed).Push(ForAgents(changed)),
        // The visitor is pushed only the visitor's view (SessionEventPush), the agents the full event.
        SessionEvent e => Task.WhenAll(VisitorClients(e).Push(e), AgentClients(e).Push(ForAgents(e))),
        _ => Task.CompletedTask,
    };

    private Task CloseConnections(SignInEnded ended)
    {
        operatorConnections.CloseAll(ended.SignInId);
        return Task.CompletedTask;
    }

    /// <summary>Agents never see who gave an anonymous rating: the snapshot they are pushed hides the visitor then.</summary>
    private static SessionEvent ForAgents(SessionEvent e) =>
        e is SessionChanged { Session.HidesVisitor: true } changed ? changed with { Session = changed.Session.ForAgents() } : e;

    private static string SessionGroup(SessionEvent e) => HubGroups.Session(GrainKeys.Compose(e.TenantId, e.SessionId));

    /// <summary>The visitor connections that watch the event's session.</summary>
    private IVisitorClient VisitorClients(SessionEvent e) => visitors.Clients.Group(SessionGroup(e));

    /// <summary>The agent connections that watch the event's session.</summary>
    private IAgentClient AgentClients(SessionEvent e) => agents.Clients.Group(SessionGroup(e));

    private IGroupManager Groups(BridgeHub hub) => hub == BridgeHub.Visitor ? visitors.Groups : agents.Groups;
}
