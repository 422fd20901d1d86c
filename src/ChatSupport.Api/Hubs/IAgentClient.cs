using ChatSupport.Contracts.Desk;

namespace ChatSupport.Api.Hubs;

/// <summary>What the server pushes to an agent's dashboard: the events of the chats it opened, and the live desk.</summary>
public interface IAgentClient : ISessionClient
{
    /// <summary>To connections that called GetDesk.</summary>
    Task DeskChanged(DeskDelta delta);
}
