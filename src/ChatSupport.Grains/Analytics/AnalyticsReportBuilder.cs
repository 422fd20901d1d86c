using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Sessions;
using NodaTime;
using NodaTime.Text;

namespace ChatSupport.Grains.Analytics;

/// <summary>
/// Turns quarter-hour buckets into the report of a query: the range is the query's local dates in its time zone,
/// each bucket is mapped to local time there (NodaTime: exact across DST changes, since every offset is a multiple of
/// 15 minutes), and groups, cards, the heatmap and the agents table are sums of the same buckets. Pure.
/// </summary>
public static class AnalyticsReportBuilder
{
    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Groupings = ["hour", "day", "week"];

    /// <summary>Checks the query without reading anything: a refusal names what is wrong.</summary>
    public static ChatError? Check(AnalyticsQuery q, out Interval range, out DateTimeZone zone)
    {
        range = default;
        zone = DateTimeZone.Utc;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(q.TimeZone ?? "") is not { } found)
            return ChatErrors.InvalidInput("tz is an IANA time zone, such as Europe/Berlin or America/New_York.");
        zone = found;
        var from = LocalDatePattern.Iso.Parse(q.From ?? "");
        var to = LocalDatePattern.Iso.Parse(q.To ?? "");
        if (!from.Success || !to.Success) return ChatErrors.InvalidInput("from and to are dates: yyyy-MM-dd.");
        if (from.Value > to.Value) return ChatErrors.InvalidInput("from is after to.");
        if (Period.Between(from.Value, to.Value, PeriodUnits.Days).Days + 1 > AnalyticsQuery.MaxDays)
            return ChatErrors.InvalidInput($"A report covers at most {AnalyticsQuery.MaxDays} days.");
        if (!Groupings.Contains(q.GroupBy)) return ChatErrors.InvalidInput("groupBy is hour, day or week.");
        if (q.AgentId is not null && ChatInput.CheckId(q.AgentId, "agent") is { } badAgent) return badAgent;
        range = new Interval(from.Value.AtStartOfDayInZone(zone).ToInstant(), to.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        return null;
    }

    public static ChatResult<AnalyticsReport> Build(AnalyticsQuery q, IReadOnlyDictionary<DateTimeOffset, Bucket> buckets)
    {
        if (Check(q, out var range, out var zone) is { } refused) return refused;
        var total = new Counters();
        var groups = new SortedDictionary<LocalDateTime, Counters>();
        var heat = new long[7, 24];
        var agents = new Dictionary<string, Counters>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var at = range.Start; at < range.End; at += Duration.FromMinutes(15))
        {
            var local = at.InZone(zone).LocalDateTime;
            var key = GroupStart(local, q.GroupBy);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new Counters();
            if (!buckets.TryGetValue(at.ToDateTimeOffset(), out var bucket)) continue;
            if (Pick(bucket, q.AgentId) is not { } counters) continue;
            group.AddAll(counters);
            heat[(int)local.DayOfWeek - 1, local.Hour] += q.AgentId is null ? counters.Started : counters.Handled;
            foreach (var (agentId, agentCounters) in bucket.Agents)
            {
                if (q.AgentId is not null && agentId != q.AgentId) continue;
                if (!agents.TryGetValue(agentId, out var sum)) agents[agentId] = sum = new Counters();
                sum.AddAll(agentCounters);
                if (bucket.AgentNames.TryGetValue(agentId, out var name)) names[agentId] = name;
            }
        }

        // The total is the sum of the groups (each bucket is in exactly one): half the merging of adding every bucket twice.
        foreach (var group in groups.Values) total.AddAll(group);

        return new AnalyticsReport
        {
            From = q.From,
            To = q.To,
            TimeZone = q.TimeZone,
            GroupBy = q.GroupBy,
            AgentId = q.AgentId,
            Totals = new ChatTotals { Started = total.Started, Assigned = total.Assigned, Resolved = total.Resolved, Abandoned = total.Abandoned, Missed = total.Missed, Reopened = total.Reopened, TargetsMet = total.TargetsMet, TargetsMissed = total.TargetsMissed, TargetsMetShare = TargetsMetShare(total) },
            WaitToAssignment = total.Wait.Stats(AnalyticsTargets.AssignmentSeconds),
            FirstResponse = total.FirstResponse.Stats(AnalyticsTargets.FirstReplySeconds),
            ResponseTime = total.Response.Stats(),
            ResolutionTime = total.Resolution.Stats(),
            Satisfaction = Satisfaction(total),
            Series = groups.Select(g => Point(g.Key, g.Value, zone)).ToList(),
            Heatmap = PeakHoursOf(heat),
            Agents = agents
                .Select(a => AgentRow(a.Key, names.GetValueOrDefault(a.Key), a.Value))
                .OrderByDescending(a => a.Handled).ThenBy(a => a.AgentName ?? a.AgentId, StringComparer.CurrentCultureIgnoreCase)
                .ToList(),
        };
    }

    /// <summary>The team's counters, or one agent's (who may have none in this bucket).</summary>
    private static Counters? Pick(Bucket bucket, string? agentId) =>
        agentId is null ? bucket.Team : bucket.Agents.GetValueOrDefault(agentId);

    private static LocalDateTime GroupStart(LocalDateTime local, string groupBy) => groupBy switch
    {
        "hour" => local.Date.At(new LocalTime(local.Hour, 0)),
        "week" => local.Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).AtMidnight(),
        _ => local.Date.AtMidnight(),
    };

    private static SeriesPoint Point(LocalDateTime start, Counters c, DateTimeZone zone) => new()
    {
        Start = zone.AtLeniently(start).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        Started = c.Started,
        Assigned = c.Assigned,
        Resolved = c.Resolved,
        Abandoned = c.Abandoned,
        Missed = c.Missed,
        FirstResponseMedian = c.FirstResponse.Stats().Median,
        ResolutionMedian = c.Resolution.Stats().Median,
        Ratings = c.Ratings,
        Csat = Csat(c),
        Reopened = c.Reopened,
        TargetsMet = c.TargetsMet,
        TargetsMissed = c.TargetsMissed,
    };

    /// <summary>Targets met ÷ targets that ended met or missed; null when none did.</summary>
    private static double? TargetsMetShare(Counters c) =>
        c.TargetsMet + c.TargetsMissed == 0 ? null : (double)c.TargetsMet / (c.TargetsMet + c.TargetsMissed);

    private static SatisfactionStats Satisfaction(Counters c) => new()
    {
        Ratings = c.Ratings,
        Csat = Csat(c),
        MeanStars = MeanStars(c),
        Distribution = c.Stars.ToList(),
        ResponseRate = c.Resolved == 0 ? null : (double)c.Ratings / c.Resolved,
    };

    private static AgentStats AgentRow(string agentId, string? name, Counters c) => new()
    {
        AgentId = agentId,
        AgentName = name,
        Handled = c.Handled,
        TransfersIn = c.TransfersIn,
        TransfersOut = c.TransfersOut,
        Resolved = c.Resolved,
        FirstResponse = c.FirstResponse.Stats(AnalyticsTargets.FirstReplySeconds),
        ResponseTime = c.Response.Stats(),
        Ratings = c.Ratings,
        Csat = Csat(c),
        MeanStars = MeanStars(c),
        Reopened = c.Reopened,
        TargetsMet = c.TargetsMet,
        TargetsMissed = c.TargetsMissed,
        TargetsMetShare = TargetsMetShare(c),
    };

    private static double? Csat(Counters c) => c.Ratings == 0 ? null : (double)(c.Stars[3] + c.Stars[4]) / c.Ratings;

    private static double? MeanStars(Counters c) =>
        c.Ratings == 0 ? null : (double)c.Stars.Select((count, i) => count * (i + 1)).Sum() / c.Ratings;

    private static PeakHours PeakHoursOf(long[,] heat)
    {
        var cells = from d in Enumerable.Range(0, 7) from h in Enumerable.Range(0, 24) where heat[d, h] > 0 select (d, h, n: heat[d, h]);
        var busiest = cells.OrderByDescending(c => c.n).ThenBy(c => c.d).ThenBy(c => c.h).Take(3)
            .Select(c => $"{DayNames[c.d]} {c.h:00}:00–{c.h + 1:00}:00").ToList();
        return new PeakHours
        {
            Days = DayNames,
            Started = Enumerable.Range(0, 7).Select(d => (IReadOnlyList<long>)Enumerable.Range(0, 24).Select(h => heat[d, h]).ToList()).ToList(),
            Busiest = busiest,
        };
    }
}
