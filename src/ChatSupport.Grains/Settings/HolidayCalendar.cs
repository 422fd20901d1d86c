using System.Globalization;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;
using Calendar = Ical.Net.Calendar;
using Ical.Net.DataTypes;

namespace ChatSupport.Grains.Settings;

/// <summary>
/// Holidays from an iCalendar file (RFC 5545, read by Ical.Net), as Zammad's holiday calendars: every day an event
/// covers is a holiday named by its summary (an all-day event its days, DTEND exclusive; a timed one the date it
/// starts); yearly and other recurring events count each occurrence in 2000–2100. Nothing is stored: the page adds the
/// dates to its draft and the admin saves them like any other change.
/// </summary>
public static class HolidayCalendar
{
    public const int MaxLength = 1_000_000;

    public static ChatResult<IReadOnlyList<Holiday>> Parse(string? ics)
    {
        if (string.IsNullOrWhiteSpace(ics)) return ChatErrors.InvalidInput("ics is empty: choose an .ics calendar file.");
        if (ics.Length > MaxLength) return ChatErrors.InvalidInput($"ics can be at most {MaxLength:N0} characters.");
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(ics);
        }
        catch (Exception)
        {
            calendar = null;
        }
        if (calendar is null) return ChatErrors.InvalidInput("ics is not an iCalendar file (RFC 5545, BEGIN:VCALENDAR … END:VCALENDAR).");

        var days = new SortedDictionary<DateOnly, string>();
        foreach (var e in calendar.Events)
        {
            if (e.DtStart is null) continue;
            var length = e.IsAllDay && e.DtEnd is { } end ? Math.Max(1, end.Date.DayNumber - e.DtStart.Date.DayNumber) : 1;
            var starts = e.RecurrenceRule is not null
                ? e.GetOccurrences(new CalDateTime(SettingsLimits.MinYear, 1, 1)).Select(o => o.Period.StartTime.Date)
                    .TakeWhile(d => d.Year <= SettingsLimits.MaxYear).Take(SettingsLimits.MaxHolidays + 1)
                : [e.DtStart.Date];
            var name = (e.Summary ?? "").Trim();
            if (name.Length > SettingsLimits.HolidayNameMaxLength) name = name[..SettingsLimits.HolidayNameMaxLength];
            foreach (var start in starts)
                for (var i = 0; i < length; i++)
                {
                    var day = start.AddDays(i);
                    if (day.Year is >= SettingsLimits.MinYear and <= SettingsLimits.MaxYear) days.TryAdd(day, name);
                }
            if (days.Count > SettingsLimits.MaxHolidays)
                return ChatErrors.InvalidInput($"ics holds more than {SettingsLimits.MaxHolidays} holiday dates; a workspace keeps at most that many.");
        }
        return days.Select(d => new Holiday(d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Value)).ToList();
    }
}
