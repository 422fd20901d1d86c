using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The pushes both parties of a chat receive with the same payload (docs/protocol.md, "Events"). A typed hub sends each
/// under its method's name, so the event names on the wire are these method names and cannot be misspelt.
/// <c>MessagePosted</c> and <c>SessionChanged</c> are each party's own: the visitor's carry the visitor's view
/// (<see cref="IVisitorClient"/>), the agents' the full message and snapshot (<see cref="IAgentClient"/>).
/// </summary>
public interface ISessionClient
{
    /// <summary>Sent to the other party only: nobody needs their own indicator echoed back.</summary>
    Task TypingChanged(TypingChanged e);

    Task ReceiptsChanged(ReceiptsChanged e);
}
