using System.Globalization;
using ChatSupport.Contracts.Settings;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace ChatSupport.Grains.Settings;

/// <summary>
/// Working hours as a pure function of the instant: open or closed, and when the team is back. Intervals are local
/// times of the tenant's zone, turned into instants per date, so a DST change moves them with the wall clock: a
/// 09:00 opening is 09:00 on both sides of the change. A local time that does not exist (inside the spring gap) maps
/// to the first instant after the gap; one that occurs twice (autumn) to its first occurrence.
/// Takes validated settings (<see cref="SettingsValidation"/>).
/// </summary>
public sealed class WorkingSchedule
{
    /// <summary>How far ahead "back at" looks: a year covers every weekly schedule with its holidays.</summary>
    private const int LookAheadDays = 370;

    /// <summary>A time in the spring gap becomes the first instant after it; a repeated autumn time its first occurrence.</summary>
    private static readonly ZoneLocalMappingResolver WallClock =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly bool _enabled;
    private readonly DateTimeZone _zone;
    private readonly Dictionary<IsoDayOfWeek, List<(LocalTime Start, LocalTime? End)>> _weekly;
    private readonly HashSet<LocalDate> _holidays;
    private readonly Dictionary<LocalDate, List<(LocalTime Start, LocalTime? End)>> _overrides;

    private WorkingSchedule(bool enabled, DateTimeZone zone,
        Dictionary<IsoDayOfWeek, List<(LocalTime, LocalTime?)>> weekly, HashSet<LocalDate> holidays,
        Dictionary<LocalDate, List<(LocalTime, LocalTime?)>> overrides)
    {
        _enabled = enabled;
        _zone = zone;
        _weekly = weekly;
        _holidays = holidays;
        _overrides = overrides;
    }

    public static WorkingSchedule From(WorkingHoursSettings hours, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var weekly = hours.Weekly
            .GroupBy(i => ParseDay(i.Day))
            .ToDictionary(g => g.Key, g => g.Select(i => Range(i.Start, i.End)).OrderBy(r => r.Start).ToList());
        var holidays = hours.Holidays.Select(h => ParseDate(h.Date)).ToHashSet();
        var overrides = hours.Overrides.ToDictionary(o => ParseDate(o.Date), o => o.Hours.Select(r => Range(r.Start, r.End)).OrderBy(r => r.Start).ToList());
        return new WorkingSchedule(hours.Enabled, zone, weekly, holidays, overrides);
    }

    public bool IsOpen(Instant at) => !_enabled || IntervalsOn(at.InZone(_zone).Date).Any(i => i.Start <= at && at < i.End);

    /// <summary>The next instant the team opens after <paramref name="at"/>; <paramref name="at"/> itself when open; null when nothing opens within a year.</summary>
    public Instant? BackAt(Instant at)
    {
        if (IsOpen(at)) return at;
        var date = at.InZone(_zone).Date;
        for (var day = 0; day < LookAheadDays; day++)
        {
            foreach (var (start, _) in IntervalsOn(date.PlusDays(day)))
                if (start > at) return start;
        }
        return null;
    }

    /// <summary>
    /// When the open/closed state changes next after <paramref name="at"/> (a closing while open, an opening while
    /// closed); null when it never does within a year (always open, or never open).
    /// </summary>
    public Instant? NextChange(Instant at)
    {
        if (!_enabled) return null;
        var open = IsOpen(at);
        if (!open) return BackAt(at);
        var date = at.InZone(_zone).Date;
        for (var day = 0; day < LookAheadDays; day++)
        {
            foreach (var (_, end) in IntervalsOn(date.PlusDays(day)))
                if (end > at && !IsOpen(end)) return end;
        }
        return null;
    }

    /// <summary>
    /// The instant at which <paramref name="span"/> of open time has passed since <paramref name="from"/> (closed time
    /// does not count): what a response-time target counted in working hours is due at. Working hours off: plain
    /// time. Null when the team does not open long enough within a year.
    /// </summary>
    public Instant? AfterOpenTime(Instant from, Duration span)
    {
        if (!_enabled) return from + span;
        var left = span;
        var date = from.InZone(_zone).Date;
        for (var day = 0; day < LookAheadDays; day++)
        {
            foreach (var (start, end) in IntervalsOn(date.PlusDays(day)))
            {
                var counted = start > from ? start : from;
                if (counted >= end) continue;
                if (end - counted >= left) return counted + left;
                left -= end - counted;
            }
        }
        return null;
    }

    /// <summary>The date's open intervals as instants: its override, else nothing on a holiday, else the weekday's.</summary>
    private IEnumerable<(Instant Start, Instant End)> IntervalsOn(LocalDate date)
    {
        var ranges = _overrides.TryGetValue(date, out var own) ? own
            : _holidays.Contains(date) ? []
            : _weekly.GetValueOrDefault(date.DayOfWeek) ?? [];
        foreach (var (start, end) in ranges)
        {
            var from = (date + start).InZone(_zone, WallClock).ToInstant();
            // "24:00" is the start of the next date, which is not always 24 hours later.
            var to = end is { } e ? (date + e).InZone(_zone, WallClock).ToInstant() : _zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            if (from < to) yield return (from, to);
        }
    }

    private static (LocalTime Start, LocalTime? End) Range(string start, string end) =>
        (ParseTime(start) ?? LocalTime.Midnight, end == "24:00" ? null : ParseTime(end));

    internal static LocalTime? ParseTime(string? text) =>
        text is not null && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text) is { Success: true } r ? r.Value : null;

    internal static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    internal static IsoDayOfWeek ParseDay(string day) => Enum.Parse<IsoDayOfWeek>(day, ignoreCase: true);

    internal static readonly IReadOnlyList<string> Days =
        [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => d.ToString().ToLower(CultureInfo.InvariantCulture))];
}
