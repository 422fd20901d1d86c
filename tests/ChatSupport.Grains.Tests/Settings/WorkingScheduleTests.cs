using ChatSupport.Contracts.Settings;
using ChatSupport.Grains.Settings;
using NodaTime;
using NodaTime.Text;

namespace ChatSupport.Grains.Tests.Settings;

/// <summary>
/// Working hours as the widget sees them: open or closed at an instant, and "back at", around the DST changes of
/// Berlin (2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00) and New York (2026-03-08, 2026-11-01), with
/// holidays and one-off overrides. Expected instants are written in UTC, worked out by hand from each zone's offset.
/// </summary>
public sealed class WorkingScheduleTests
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    private static WorkingHoursSettings OfficeHours(params (string Start, string End)[] intervals) => new()
    {
        Enabled = true,
        Weekly = [.. Weekdays.SelectMany(day => intervals.Select(i => new WeeklyInterval(day, i.Start, i.End)))],
    };

    private static Instant At(string utc) => InstantPattern.General.Parse(utc).GetValueOrThrow();

    [Theory]
    // Friday before the spring change, CET (+1): 16:59 local open, 17:00 local closed.
    [InlineData("2026-03-27T15:59:00Z", true)]
    [InlineData("2026-03-27T16:00:00Z", false)]
    // Monday after it, CEST (+2): 09:30 local is 07:30Z, open; a fixed +1 offset would call it 08:30 and closed.
    [InlineData("2026-03-30T06:59:00Z", false)]
    [InlineData("2026-03-30T07:30:00Z", true)]
    // The Monday after the autumn change, CET again: 09:00 local is 08:00Z.
    [InlineData("2026-10-26T07:30:00Z", false)]
    [InlineData("2026-10-26T08:00:00Z", true)]
    [InlineData("2026-10-26T15:59:00Z", true)]
    [InlineData("2026-10-26T16:00:00Z", false)]
    public void Berlin_office_hours_follow_the_wall_clock_across_both_dst_changes(string utc, bool open) =>
        WorkingSchedule.From(OfficeHours(("09:00", "17:00")), "Europe/Berlin").IsOpen(At(utc)).Should().Be(open, utc);

    [Fact]
    public void Back_at_over_the_spring_weekend_in_berlin_is_monday_nine_in_summer_time()
    {
        var schedule = WorkingSchedule.From(OfficeHours(("09:00", "17:00")), "Europe/Berlin");
        // Saturday 2026-03-28 13:00 CET; the clocks go forward that night; Monday 09:00 CEST = 07:00Z.
        schedule.BackAt(At("2026-03-28T12:00:00Z")).Should().Be(At("2026-03-30T07:00:00Z"));
        schedule.NextChange(At("2026-03-28T12:00:00Z")).Should().Be(At("2026-03-30T07:00:00Z"));
    }

    [Fact]
    public void An_opening_inside_the_spring_gap_in_new_york_opens_when_the_clock_jumps_past_it()
    {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist, so the team opens at 03:00 EDT = 07:00Z.
        var hours = new WorkingHoursSettings { Enabled = true, Weekly = [new WeeklyInterval("sunday", "02:30", "05:00")] };
        var schedule = WorkingSchedule.From(hours, "America/New_York");
        schedule.IsOpen(At("2026-03-08T06:59:00Z")).Should().BeFalse();
        schedule.IsOpen(At("2026-03-08T07:00:00Z")).Should().BeTrue();
        schedule.BackAt(At("2026-03-08T05:00:00Z")).Should().Be(At("2026-03-08T07:00:00Z"));
        // 05:00 EDT = 09:00Z closes it.
        schedule.IsOpen(At("2026-03-08T08:59:00Z")).Should().BeTrue();
        schedule.IsOpen(At("2026-03-08T09:00:00Z")).Should().BeFalse();
    }

    [Fact]
    public void A_day_open_until_midnight_on_the_25_hour_day_in_new_york_closes_at_the_real_midnight()
    {
        // 2026-11-01 has 25 hours (01:00–02:00 twice): midnight at its end is 2026-11-02T05:00Z (EST), not 04:00Z.
        var hours = new WorkingHoursSettings { Enabled = true, Weekly = [new WeeklyInterval("sunday", "00:00", "24:00")] };
        var schedule = WorkingSchedule.From(hours, "America/New_York");
        schedule.IsOpen(At("2026-11-01T04:00:00Z")).Should().BeTrue("00:00 EDT");
        schedule.IsOpen(At("2026-11-02T04:30:00Z")).Should().BeTrue("23:30 EST");
        schedule.IsOpen(At("2026-11-02T05:00:00Z")).Should().BeFalse("00:00 EST Monday");
        schedule.NextChange(At("2026-11-01T12:00:00Z")).Should().Be(At("2026-11-02T05:00:00Z"));
        // Back the next Sunday at midnight EST = 05:00Z.
        schedule.BackAt(At("2026-11-02T05:00:00Z")).Should().Be(At("2026-11-08T05:00:00Z"));
    }

    [Fact]
    public void A_holiday_closes_the_day_and_back_at_skips_it_and_the_weekend()
    {
        var hours = OfficeHours(("09:00", "17:00")) with { Holidays = [new Holiday("2026-12-25", "Christmas Day")] };
        var schedule = WorkingSchedule.From(hours, "Europe/Berlin");
        // Friday 2026-12-25 10:00 CET: closed; back Monday 2026-12-28 09:00 CET = 08:00Z.
        schedule.IsOpen(At("2026-12-25T09:00:00Z")).Should().BeFalse();
        schedule.BackAt(At("2026-12-25T09:00:00Z")).Should().Be(At("2026-12-28T08:00:00Z"));
        // The day before is an ordinary Thursday.
        schedule.IsOpen(At("2026-12-24T09:00:00Z")).Should().BeTrue();
    }

    [Fact]
    public void An_override_replaces_the_dates_hours_opening_a_saturday_shortening_a_weekday_or_closing_it()
    {
        var hours = OfficeHours(("09:00", "17:00")) with
        {
            Holidays = [new Holiday("2026-12-24", "Christmas Eve")],
            Overrides =
            [
                // The override wins over the holiday on the same date: open the morning only.
                new DateOverride("2026-12-24", [new TimeRange("09:00", "12:00")]),
                new DateOverride("2026-12-19", [new TimeRange("10:00", "14:00")]),
                new DateOverride("2026-12-21", []),
            ],
        };
        var schedule = WorkingSchedule.From(hours, "Europe/Berlin");
        schedule.IsOpen(At("2026-12-24T10:00:00Z")).Should().BeTrue("11:00 CET on the shortened day");
        schedule.IsOpen(At("2026-12-24T11:00:00Z")).Should().BeFalse("12:00 CET, after the shortened day");
        schedule.IsOpen(At("2026-12-19T09:30:00Z")).Should().BeTrue("a Saturday opened by its override");
        schedule.IsOpen(At("2026-12-21T10:00:00Z")).Should().BeFalse("a Monday closed by its override");
        schedule.BackAt(At("2026-12-21T10:00:00Z")).Should().Be(At("2026-12-22T08:00:00Z"));
    }

    [Fact]
    public void A_split_shift_is_closed_at_lunch_and_back_the_same_afternoon()
    {
        var schedule = WorkingSchedule.From(OfficeHours(("09:00", "12:00"), ("13:00", "17:00")), "America/New_York");
        // Wednesday 2026-07-15, EDT (−4): 12:30 local = 16:30Z.
        schedule.IsOpen(At("2026-07-15T15:59:00Z")).Should().BeTrue();
        schedule.IsOpen(At("2026-07-15T16:30:00Z")).Should().BeFalse();
        schedule.BackAt(At("2026-07-15T16:30:00Z")).Should().Be(At("2026-07-15T17:00:00Z"));
        schedule.NextChange(At("2026-07-15T14:00:00Z")).Should().Be(At("2026-07-15T16:00:00Z"));
    }

    [Fact]
    public void Intervals_that_meet_at_midnight_are_one_opening_for_the_next_change()
    {
        var hours = new WorkingHoursSettings
        {
            Enabled = true,
            Weekly = [new WeeklyInterval("monday", "20:00", "24:00"), new WeeklyInterval("tuesday", "00:00", "02:00")],
        };
        var schedule = WorkingSchedule.From(hours, "UTC");
        schedule.IsOpen(At("2026-07-13T23:59:00Z")).Should().BeTrue();
        schedule.IsOpen(At("2026-07-14T00:00:00Z")).Should().BeTrue();
        schedule.NextChange(At("2026-07-13T21:00:00Z")).Should().Be(At("2026-07-14T02:00:00Z"));
    }

    [Fact]
    public void Without_working_hours_the_team_is_always_open_and_with_no_interval_never_back()
    {
        var always = WorkingSchedule.From(new WorkingHoursSettings { Enabled = false }, "Europe/Berlin");
        always.IsOpen(At("2026-12-25T03:00:00Z")).Should().BeTrue();
        always.NextChange(At("2026-12-25T03:00:00Z")).Should().BeNull();

        var never = WorkingSchedule.From(new WorkingHoursSettings { Enabled = true }, "Europe/Berlin");
        never.IsOpen(At("2026-07-15T10:00:00Z")).Should().BeFalse();
        never.BackAt(At("2026-07-15T10:00:00Z")).Should().BeNull();
    }

    [Fact]
    public void Open_time_after_an_instant_skips_the_night_the_weekend_and_a_holiday()
    {
        var hours = OfficeHours(("09:00", "17:00")) with { Holidays = [new Holiday("2026-12-07", "Closed Monday")] };
        var schedule = WorkingSchedule.From(hours, "Europe/Berlin");
        // Wednesday 2026-12-02 16:58 CET (15:58Z): 2 minutes today, 1 more on Thursday at 09:00 CET (08:00Z).
        schedule.AfterOpenTime(At("2026-12-02T15:58:00Z"), Duration.FromMinutes(3)).Should().Be(At("2026-12-03T08:01:00Z"));
        // Friday 16:59 CET, 3 minutes: 1 on Friday; Saturday, Sunday and the holiday Monday closed; 2 on Tuesday.
        schedule.AfterOpenTime(At("2026-12-04T15:59:00Z"), Duration.FromMinutes(3)).Should().Be(At("2026-12-08T08:02:00Z"));
        // Inside working hours it is plain time; with working hours off too.
        schedule.AfterOpenTime(At("2026-12-02T10:00:00Z"), Duration.FromMinutes(3)).Should().Be(At("2026-12-02T10:03:00Z"));
        WorkingSchedule.From(hours with { Enabled = false }, "Europe/Berlin").AfterOpenTime(At("2026-12-04T15:59:00Z"), Duration.FromMinutes(3))
            .Should().Be(At("2026-12-04T16:02:00Z"));
        WorkingSchedule.From(new WorkingHoursSettings { Enabled = true }, "Europe/Berlin").AfterOpenTime(At("2026-12-04T15:59:00Z"), Duration.FromMinutes(3))
            .Should().BeNull("a team that never opens is never due");
    }
}
