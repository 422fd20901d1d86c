using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The pushes both parties of a chat receive (docs/protocol.md, "Events"). A typed hub sends each under its method's
/// name, so the event names on the wire are these method names and cannot be misspelt.
/// </summary>
public interface ISessionClient
{
    Task MessagePosted(MessagePosted e);

    Task SessionChanged(SessionChanged e);

    /// <summary>Sent to the other party only: nobody needs their own indicator echoed back.</summary>
    Task TypingChanged(TypingChanged e);

    Task ReceiptsChanged(ReceiptsChanged e);
}
