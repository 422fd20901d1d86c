using ChatSupport.Contracts.Demo;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Demo;

/// <summary>
/// The demo history as a list of chats, made from the marker's plan alone (seed, count, days, end, time zone), so a
/// restart makes the very same chats and finishes what the last run left. Chats arrive hour by hour in proportion to
/// how busy the shop is then: weekdays busier than weekends, office hours (in the shop's time zone) busiest.
/// </summary>
public static class DemoPlan
{
    public static IReadOnlyList<DemoChat> Make(DemoHistoryProgress plan, IReadOnlyList<AgentRef> agents)
    {
        var random = new DemoRandom(plan.Seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        var team = agents.OrderBy(a => a.AgentId, StringComparer.Ordinal).ToList();
        // Every chat ends a little before the plan's end: the history is over when the live visitors begin.
        var latestEnd = plan.EndsAt - TimeSpan.FromSeconds(30);
        var chats = new List<DemoChat>(plan.Chats);
        foreach (var (start, load) in Arrivals(random, plan, zone).ToList())
        {
            var index = chats.Count;
            var visitor = DemoVisitors.Make(random);
            var steps = DemoChatScript.Steps(random, start, load, team);
            // A chat that would end after the plan's end started earlier instead.
            if (steps[^1].At > latestEnd)
            {
                var shift = steps[^1].At - latestEnd + random.Seconds(0, 600);
                steps = steps.Select(s => Shifted(s, -shift)).ToList();
            }
            chats.Add(new DemoChat(index, $"demo-{plan.Seed}-{index:D6}", visitor, steps));
        }
        return chats.OrderBy(c => c.Start).ToList();
    }

    /// <summary>How busy the shop is in a local hour, relative to a weekday's busiest hours (about 1).</summary>
    public static double Load(DateTime local)
    {
        var day = local.DayOfWeek switch { DayOfWeek.Saturday => 0.45, DayOfWeek.Sunday => 0.35, _ => 1.0 };
        double[] hours = [0.06, 0.04, 0.03, 0.03, 0.04, 0.07, 0.15, 0.3, 0.6, 0.95, 1.1, 1.15, 0.9, 1.0, 1.15, 1.1, 0.95, 0.75, 0.55, 0.5, 0.45, 0.35, 0.2, 0.1];
        return day * hours[local.Hour];
    }

    private static IEnumerable<(DateTimeOffset Start, double Load)> Arrivals(DemoRandom random, DemoHistoryProgress plan, TimeZoneInfo zone)
    {
        var first = plan.EndsAt - TimeSpan.FromDays(plan.Days);
        var hourStarts = new List<DateTimeOffset>();
        var cumulative = new List<double>();
        var total = 0.0;
        for (var h = new DateTimeOffset(first.UtcDateTime.Date.AddHours(first.UtcDateTime.Hour), TimeSpan.Zero); h < plan.EndsAt; h = h.AddHours(1))
        {
            // The hour that is still running counts for the part that has passed.
            var part = Math.Min(1, (plan.EndsAt - h).TotalHours);
            total += Load(TimeZoneInfo.ConvertTime(h, zone).DateTime) * part;
            hourStarts.Add(h);
            cumulative.Add(total);
        }
        for (var i = 0; i < plan.Chats; i++)
        {
            var at = cumulative.BinarySearch(random.Next() * total);
            var hour = at >= 0 ? at : Math.Min(~at, hourStarts.Count - 1);
            var start = hourStarts[hour] + random.Seconds(0, Math.Min(3600, (plan.EndsAt - hourStarts[hour]).TotalSeconds));
            if (start < first) start = first;
            yield return (start, Load(TimeZoneInfo.ConvertTime(hourStarts[hour], zone).DateTime));
        }
    }

    private static DemoStep Shifted(DemoStep s, TimeSpan by) => s with { At = s.At + by };
}
