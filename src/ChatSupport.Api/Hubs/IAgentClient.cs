using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>What the server pushes to an agent's dashboard: the events of the chats it opened (full messages and snapshots), and the live desk.</summary>
public interface IAgentClient : ISessionClient
{
    Task MessagePosted(MessagePosted e);

    Task SessionChanged(SessionChanged e);

    /// <summary>A private note in a chat the connection opened. Agents only: the visitor hub has no such event.</summary>
    Task NotePosted(NotePosted e);

    /// <summary>A new notification of the signed-in agent (a mention, a follow-up due, a low rating): to connections that called GetInbox.</summary>
    Task AgentNotified(ChatSupport.Contracts.Inbox.AgentNotified e);

    /// <summary>To connections that called GetDesk.</summary>
    Task DeskChanged(DeskDelta delta);
}
