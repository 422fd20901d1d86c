using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>What the server pushes to a visitor's widget: their chat's events and, while they wait, their place in line.</summary>
public interface IVisitorClient : ISessionClient
{
    Task QueuePositionChanged(QueuePositionChanged e);
}
