using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Settings;

/// <summary>The tenant's settings (keyed by tenant id): read by the Settings page, the widget and the session grains.</summary>
public interface ISettingsGrain : Pushes.IPushSource
{
    Task<WorkspaceSettings> Get();

    /// <summary>
    /// Validates and stores <paramref name="draft"/> as the next version, records each changed section in the audit log
    /// (before/after) and pushes the change to the Api nodes watching the grain. <c>invalid_input</c> names the field;
    /// <c>version_conflict</c> when someone saved since <paramref name="expectedVersion"/>. A refusal stores nothing.
    /// </summary>
    Task<ChatResult<WorkspaceSettings>> Save(WorkspaceSettings draft, long expectedVersion, string actor);

    /// <summary>The holidays an iCalendar file holds (stores nothing); <c>invalid_input</c> for a file that is not one.</summary>
    Task<ChatResult<IReadOnlyList<Holiday>>> ParseHolidays(string ics);

    /// <summary>What the widget may know (public: no audit data), with the schedule's state at this moment.</summary>
    Task<WidgetSettingsView> GetWidgetView();

    /// <summary>
    /// The away message to send at <paramref name="at"/> (the chat's own clock): null while the team is open or the message is off. Its client message id names the
    /// closed period (by the opening that ends it), so a chat gets it once per closed period.
    /// </summary>
    Task<AwayNotice?> GetAwayNotice(DateTimeOffset at);
}

/// <summary>The away message of this closed period: <see cref="ClientMessageId"/> is the same for every instant of it.</summary>
[GenerateSerializer, Immutable]
public sealed record AwayNotice([property: Id(0)] string ClientMessageId, [property: Id(1)] string Text, [property: Id(2)] int DelaySeconds);

/// <summary>
/// The public settings of the widget (<c>GET /api/visitor/settings</c>): appearance, texts by language, whether the team
/// is open now and, if not, when it is back. <see cref="ValidUntil"/> says when the open/closed state changes next,
/// so a cache never serves it past that instant.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WidgetSettingsView
{
    [Id(0)] public long Version { get; init; }
    [Id(1)] public required WidgetAppearance Appearance { get; init; }
    [Id(2)] public required string Language { get; init; }
    [Id(3)] public bool Open { get; init; }
    /// <summary>When the team is back (null while open, or when no opening is scheduled within a year).</summary>
    [Id(4)] public DateTimeOffset? BackAt { get; init; }
    /// <summary>The median first response of the last 7 days in seconds, when there were at least 5 chats; null otherwise.</summary>
    [Id(5)] public long? ExpectedReplySeconds { get; init; }
    [Id(6)] public DateTimeOffset? ValidUntil { get; init; }
}

/// <summary>Pushed to the Api nodes that watch the tenant's settings (<see cref="ISettingsGrain"/>) after a change is stored.</summary>
[GenerateSerializer, Immutable]
public sealed record SettingsChanged([property: Id(0)] string TenantId, [property: Id(1)] long Version);

public static class SettingsErrors
{
    public static ChatError VersionConflict(long current) =>
        new("version_conflict", $"Someone saved the settings since you opened them (now version {current}): reload to see their change. Nothing was saved.");
}
