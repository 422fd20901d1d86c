namespace ChatSupport.Grains.Routing;

/// <summary>Configuration section <c>ChatSupport:Routing</c>: presence and the router's clockwork (docs/operations.md).</summary>
public sealed class RoutingOptions
{
    public const string Section = "ChatSupport:Routing";

    /// <summary>An agent whose last dashboard connection closed stays as they were this long (a reload, a short drop), then is offline.</summary>
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the router looks at the queue even when nothing told it to, so no chat stays stuck (at most 30 s).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a chat's stored target-check reminder ticks while a target runs. The activation's own timer fires on
    /// the due time; the reminder is what brings a chat back after its silo died, so a miss is recorded at most this late then.
    /// </summary>
    public TimeSpan TargetCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
