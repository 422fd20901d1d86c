using System.Text.Json;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Audit;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using ChatSupport.Grains.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;
using ChatSupport.Grains.Pushes;

namespace ChatSupport.Grains.Settings;

[GenerateSerializer]
public sealed record SettingsState
{
    [Id(0)] public WorkspaceSettings Settings { get; init; } = new();
}

/// <summary>
/// The tenant's settings: one versioned document in grain storage. A save is validated, stored, then audited
/// section by section, then pushed to the Api nodes watching it so every one drops its cached copy
/// and every open widget hears of it.
/// </summary>
public sealed class SettingsGrain(
    [PersistentState("settings", StorageNames.Chat)] IPersistentState<SettingsState> state,
    TimeProvider clock,
    ILogger<SettingsGrain> logger) : PushSourceGrain, ISettingsGrain
{
    /// <summary>The reply-time expectation is a 7-day median: reading the report once every few minutes is plenty.</summary>
    private static readonly TimeSpan ReplyTimeRefresh = TimeSpan.FromMinutes(5);
    private const int ReplyTimeMinChats = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private (DateTimeOffset At, long? Seconds)? _replyTime;
    /// <summary>The schedule of the stored version: parsed once per version, asked on every visitor message of a waiting chat.</summary>
    private (long Version, WorkingSchedule Schedule)? _schedule;

    private string Tenant => this.GetPrimaryKeyString();

    public Task<WorkspaceSettings> Get() => Task.FromResult(state.State.Settings);

    public async Task<ChatResult<WorkspaceSettings>> Save(WorkspaceSettings draft, long expectedVersion, string actor)
    {
        if (SettingsValidation.Check(draft) is { } bad) return bad;
        var before = state.State.Settings;
        if (expectedVersion != before.Version) return SettingsErrors.VersionConflict(before.Version);
        var next = SettingsValidation.Normalized(draft);
        var changed = Sections(before).Zip(Sections(next))
            .Where(p => p.First.Json != p.Second.Json)
            .Select(p => (p.First.Name, Before: p.First.Json, After: p.Second.Json))
            .ToList();
        if (changed.Count == 0) return before;

        var now = clock.GetUtcNow();
        var saved = next with { Version = before.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        state.State = state.State with { Settings = saved };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Storing the settings of {Tenant} failed", Tenant);
            state.State = state.State with { Settings = before };
            return ChatErrors.StorageUnavailable();
        }

        var audit = GrainFactory.GetGrain<IAuditLogGrain>(Tenant);
        foreach (var (name, beforeJson, afterJson) in changed)
            await audit.Record(new AuditEntry(now, actor, "settings", "update", name, beforeJson, afterJson));
        // Every Api node watching drops its cached widget view; one that misses it refreshes within WidgetSettingsCache.MaxAge.
        Watchers.Push(new SettingsChanged(Tenant, saved.Version));
        return saved;
    }

    public Task<ChatResult<IReadOnlyList<Holiday>>> ParseHolidays(string ics) => Task.FromResult(HolidayCalendar.Parse(ics));

    public async Task<WidgetSettingsView> GetWidgetView()
    {
        var s = state.State.Settings;
        var now = clock.GetUtcNow();
        var schedule = WorkingSchedule.From(s.WorkingHours, s.General.TimeZone);
        var instant = Instant.FromDateTimeOffset(now);
        var open = schedule.IsOpen(instant);
        return new WidgetSettingsView
        {
            Version = s.Version,
            Appearance = s.Widget,
            Language = s.General.Language,
            Open = open,
            BackAt = open ? null : schedule.BackAt(instant)?.ToDateTimeOffset(),
            ExpectedReplySeconds = await ExpectedReplySecondsAsync(s.General.TimeZone, now),
            ValidUntil = schedule.NextChange(instant)?.ToDateTimeOffset(),
        };
    }

    public Task<AwayNotice?> GetAwayNotice(DateTimeOffset at)
    {
        var s = state.State.Settings;
        if (s.AutomatedResponses.Away is not { Enabled: true } away) return Task.FromResult<AwayNotice?>(null);
        if (_schedule is not { } known || known.Version != s.Version)
            _schedule = known = (s.Version, WorkingSchedule.From(s.WorkingHours, s.General.TimeZone));
        var id = AwayPeriod.ClientMessageId(known.Schedule, Instant.FromDateTimeOffset(at));
        return Task.FromResult(id is null ? null : new AwayNotice(id, away.Text, away.DelaySeconds));
    }

    /// <summary>The median first response of the last 7 days (today included), when at least 5 chats had one.</summary>
    private async Task<long?> ExpectedReplySecondsAsync(string timeZone, DateTimeOffset now)
    {
        if (_replyTime is { } known && now - known.At < ReplyTimeRefresh) return known.Seconds;
        long? seconds = null;
        try
        {
            var today = Instant.FromDateTimeOffset(now).InZone(DateTimeZoneProviders.Tzdb[timeZone]).Date;
            var report = await GrainFactory.GetGrain<IAnalyticsGrain>(Tenant).Report(new AnalyticsQuery
            {
                From = today.PlusDays(-6).ToString("yyyy-MM-dd", null),
                To = today.ToString("yyyy-MM-dd", null),
                TimeZone = timeZone,
            });
            if (report.Value?.FirstResponse is { N: >= ReplyTimeMinChats, Median: { } median }) seconds = median;
        }
        catch (Exception e)
        {
            // The widget then shows its fixed text: a missing expectation must not keep it from loading.
            logger.LogWarning(e, "Reading the first-response median of {Tenant} failed", Tenant);
        }
        _replyTime = (now, seconds);
        return seconds;
    }

    private static IEnumerable<(string Name, string Json)> Sections(WorkspaceSettings s) =>
    [
        ("general", JsonSerializer.Serialize(s.General, Json)),
        ("workingHours", JsonSerializer.Serialize(s.WorkingHours, Json)),
        ("automatedResponses", JsonSerializer.Serialize(s.AutomatedResponses, Json)),
        ("widget", JsonSerializer.Serialize(s.Widget, Json)),
        ("ai", JsonSerializer.Serialize(s.Ai, Json)),
    ];
}
