using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// What the server pushes to a visitor's widget: their chat's events, in the visitor's view (no transfer note, no
/// operator username), while they wait their place in line, and the workspace's saved settings.
/// </summary>
public interface IVisitorClient : ISessionClient
{
    Task MessagePosted(VisitorMessagePosted e);

    Task SessionChanged(VisitorSessionChanged e);

    Task QueuePositionChanged(QueuePositionChanged e);

    /// <summary>The workspace saved its settings: the widget's public view as <c>GET /api/visitor/settings</c> now answers it.</summary>
    Task SettingsChanged(WidgetSettingsView view);
}
