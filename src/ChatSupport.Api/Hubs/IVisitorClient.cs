using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// What the server pushes to a visitor's widget: their chat's events, in the visitor's view (no transfer note, no
/// operator username), and, while they wait, their place in line.
/// </summary>
public interface IVisitorClient : ISessionClient
{
    Task MessagePosted(VisitorMessagePosted e);

    Task SessionChanged(VisitorSessionChanged e);

    Task QueuePositionChanged(QueuePositionChanged e);
}
