using ChatSupport.Api.Hubs;
using ChatSupport.Api.Security;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.Pushes;

public enum BridgeHub { Visitor, Agent }

/// <summary>A SignalR connection on one of the two hubs.</summary>
public readonly record struct BridgeMember(BridgeHub Hub, string ConnectionId);

/// <summary>
/// Turns the grains' pushes into SignalR pushes. This node watches each channel once (<see cref="PushWatches"/>), however
/// many of its connections follow it, fans events out to SignalR groups, and stops watching when its last interested
/// connection leaves. It holds no chat state: only who on this node listens to what.
/// </summary>
public sealed class PushBridge(
    PushWatches watches,
    IHubContext<VisitorHub, IVisitorClient> visitors,
    IHubContext<AgentHub, IAgentClient> agents,
    OperatorConnections operatorConnections,
    ILogger<PushBridge> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PushChannel, HashSet<BridgeMember>> _members = [];
    private readonly Dictionary<BridgeMember, HashSet<PushChannel>> _channelsByMember = [];

    public Task JoinSessionAsync(BridgeMember member, string sessionKey) =>
        JoinAsync(member, new PushChannel(PushChannelKind.Session, sessionKey), HubGroups.Session(sessionKey));

    public Task JoinDeskAsync(BridgeMember member, string tenantId) =>
        JoinAsync(member, new PushChannel(PushChannelKind.Desk, tenantId), HubGroups.Desk(tenantId));

    /// <summary>The operator's sign-ins that end early (<see cref="SignInEnded"/>): their connections on this node are closed.</summary>
    public Task JoinSignInAsync(BridgeMember member, string operatorKey) =>
        JoinAsync(member, new PushChannel(PushChannelKind.SignIn, operatorKey), group: null);

    public Task JoinInboxAsync(BridgeMember member, string agentKey) =>
        JoinAsync(member, new PushChannel(PushChannelKind.Inbox, agentKey), HubGroups.Inbox(agentKey));

    public Task LeaveSessionAsync(BridgeMember member, string sessionKey)
    {
        Leave(member, new PushChannel(PushChannelKind.Session, sessionKey));
        return Task.CompletedTask;
    }

    /// <summary>Called when a connection closes: drops its interest in every channel.</summary>
    public Task LeaveAllAsync(BridgeMember member)
    {
        PushChannel[] channels;
        lock (_gate) channels = _channelsByMember.TryGetValue(member, out var set) ? [.. set] : [];
        foreach (var channel in channels) Leave(member, channel);
        return Task.CompletedTask;
    }

    private async Task JoinAsync(BridgeMember member, PushChannel channel, string? group)
    {
        if (group is not null) await Groups(member.Hub).AddToGroupAsync(member.ConnectionId, group);
        Task watched;
        lock (_gate)
        {
            if (!_members.TryGetValue(channel, out var members)) _members[channel] = members = [];
            members.Add(member);
            if (!_channelsByMember.TryGetValue(member, out var channels)) _channelsByMember[member] = channels = [];
            channels.Add(channel);
            watched = watches.Start(channel, ForwardAsync);
        }
        try
        {
            await watched;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Watching {Channel} failed", channel);
            Leave(member, channel);
            throw new HubException(ChatErrors.StorageUnavailable().ToString());
        }
    }

    private void Leave(BridgeMember member, PushChannel channel)
    {
        lock (_gate)
        {
            if (_channelsByMember.TryGetValue(member, out var channels) && channels.Remove(channel) && channels.Count == 0)
                _channelsByMember.Remove(member);
            if (_members.TryGetValue(channel, out var members) && members.Remove(member) && members.Count == 0)
            {
                _members.Remove(channel);
                // Under the lock: a join of the same channel right after starts a new watch, never finds a stopped one.
                watches.Stop(channel);
            }
        }
    }

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
