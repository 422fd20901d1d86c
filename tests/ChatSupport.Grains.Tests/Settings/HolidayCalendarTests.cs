using ChatSupport.Grains.Settings;

namespace ChatSupport.Grains.Tests.Settings;

/// <summary>An .ics holiday calendar as the Settings page imports it: every day an event covers, yearly ones each year.</summary>
public sealed class HolidayCalendarTests
{
    private const string Ics = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Holidays//EN
        BEGIN:VEVENT
        UID:xmas
        DTSTART;VALUE=DATE:20261225
        DTEND;VALUE=DATE:20261227
        SUMMARY:Christmas
        END:VEVENT
        BEGIN:VEVENT
        UID:newyear
        DTSTART;VALUE=DATE:20270101
        DTEND;VALUE=DATE:20270102
        RRULE:FREQ=YEARLY;COUNT=2
        SUMMARY:New Year's Day
        END:VEVENT
        BEGIN:VEVENT
        UID:offsite
        DTSTART:20261120T130000Z
        DTEND:20261120T170000Z
        SUMMARY:Team offsite
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public void All_day_events_give_each_of_their_days_recurring_ones_each_occurrence_and_timed_ones_their_date()
    {
        var parsed = HolidayCalendar.Parse(Ics.Replace("\n", "\r\n"));
        parsed.Error.Should().BeNull();
        parsed.Value!.Select(h => (h.Date, h.Name)).Should().Equal(
            ("2026-11-20", "Team offsite"),
            ("2026-12-25", "Christmas"),
            ("2026-12-26", "Christmas"),
            ("2027-01-01", "New Year's Day"),
            ("2028-01-01", "New Year's Day"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not a calendar")]
    public void Anything_but_a_calendar_is_invalid_input(string ics) =>
        HolidayCalendar.Parse(ics).Error!.Code.Should().Be("invalid_input");
}
