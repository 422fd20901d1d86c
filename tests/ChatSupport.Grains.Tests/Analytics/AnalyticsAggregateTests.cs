using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Analytics;
using NodaTime;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>
/// 10,000 generated chats with known timings, fed to the aggregates as the grain does: every number of the report
/// equals a brute force over the chats' facts, for ranges, groupings, agents and time zones across DST changes and
/// offsets of :30 and :45.
/// </summary>
public sealed class AnalyticsAggregateTests
{
    private static readonly Lazy<(IReadOnlyList<GeneratedChat> Chats, Dictionary<DateTimeOffset, Bucket> Buckets)> Data = new(() =>
    {
        var chats = GeneratedChats.Make(10_000);
        var buckets = new Dictionary<DateTimeOffset, Bucket>();
        foreach (var chat in chats)
            foreach (var e in chat.Events)
            {
                var start = Bucket.StartOf(e.Event.OccurredAt);
                if (!buckets.TryGetValue(start, out var bucket)) buckets[start] = bucket = new Bucket();
                var responses = e.Event is ChatEnded ? ResponseRuns.Of(chat.Messages).ToList() : [];
                AnalyticsAggregator.Apply(bucket, e, responses);
            }
        return (chats, buckets);
    });

    public static TheoryData<string, string, string, string, string?> Queries() => new()
    {
        { "2026-10-10", "2026-11-14", "UTC", "day", null },
        { "2026-10-20", "2026-10-31", "Europe/Berlin", "hour", null },        // CEST → CET on 25 October
        { "2026-10-26", "2026-11-08", "America/New_York", "week", null },     // EDT → EST on 1 November
        { "2026-10-15", "2026-10-25", "Asia/Kolkata", "day", "agent3" },      // +05:30
        { "2026-11-01", "2026-11-03", "Asia/Kathmandu", "hour", "agent1" },   // +05:45
        { "2026-10-24", "2026-10-26", "Europe/Berlin", "day", "agent2" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Every_number_of_the_report_equals_a_brute_force_over_the_chats(string from, string to, string tz, string groupBy, string? agent)
    {
        var (chats, buckets) = Data.Value;
        var report = AnalyticsReportBuilder.Build(new AnalyticsQuery { From = from, To = to, TimeZone = tz, GroupBy = groupBy, AgentId = agent }, buckets);
        report.Error.Should().BeNull();
        var r = report.Value!;
        var expected = new BruteForceAnalytics(chats, from, to, tz, agent);

        r.Totals.Should().BeEquivalentTo(new ChatTotals
        {
            Started = expected.Started().Count(),
            Assigned = expected.Assignments().Count(),
            Resolved = expected.Resolutions().Count(),
            Abandoned = expected.AbandonedAt().Count(),
            Missed = expected.Missed().Count(),
        });
        r.Totals.Resolved.Should().BeGreaterThan(0, "the range holds chats: the comparison is not vacuous");
        r.WaitToAssignment.Should().BeEquivalentTo(expected.Wait);
        r.FirstResponse.Should().BeEquivalentTo(expected.First);
        r.ResponseTime.Should().BeEquivalentTo(expected.Response);
        r.ResolutionTime.Should().BeEquivalentTo(expected.Resolution);

        var ratings = expected.Ratings().ToList();
        r.Satisfaction.Ratings.Should().Be(ratings.Count);
        r.Satisfaction.Distribution.Should().Equal(Enumerable.Range(1, 5).Select(s => (long)ratings.Count(x => x.Stars == s)));
        r.Satisfaction.Csat.Should().Be(ratings.Count == 0 ? null : (double)ratings.Count(x => x.Stars >= 4) / ratings.Count);
        r.Satisfaction.MeanStars.Should().Be(ratings.Count == 0 ? null : ratings.Sum(x => (double)x.Stars) / ratings.Count);

        ExpectSeries(r, expected, groupBy);
        ExpectHeatmap(r, expected, agent is null);
        ExpectAgents(r, chats, from, to, tz, agent);
    }

    [Fact]
    public void Bad_queries_are_refused_with_a_sentence()
    {
        var buckets = new Dictionary<DateTimeOffset, Bucket>();
        AnalyticsQuery Q(string from = "2026-11-01", string to = "2026-11-02", string tz = "UTC", string groupBy = "day") =>
            new() { From = from, To = to, TimeZone = tz, GroupBy = groupBy };
        foreach (var bad in new[] { Q(from: "2026-11-03"), Q(from: "2025-01-01"), Q(tz: "Mars/Olympus"), Q(from: "1 Nov"), Q(groupBy: "month") })
            AnalyticsReportBuilder.Build(bad, buckets).Error!.Code.Should().Be("invalid_input");
        AnalyticsReportBuilder.Build(Q(from: "2025-10-29", to: "2026-12-02"), buckets).Error.Should().BeNull("400 days are allowed");
    }

    private static void ExpectSeries(AnalyticsReport r, BruteForceAnalytics expected, string groupBy)
    {
        LocalDateTime Group(DateTimeOffset at)
        {
            var l = expected.Local(at);
            return groupBy switch
            {
                "hour" => l.Date.At(new LocalTime(l.Hour, 0)),
                "week" => l.Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).AtMidnight(),
                _ => l.Date.AtMidnight(),
            };
        }
        var starts = r.Series.Select(p => DateTimeOffset.Parse(p.Start, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        starts.Should().BeInAscendingOrder();
        var keys = starts.Select(Group).ToList();
        keys.Should().OnlyHaveUniqueItems("each local group appears once, a repeated hour of a DST change too");

        long CountIn(IEnumerable<DateTimeOffset> instants, LocalDateTime key) => instants.Count(i => Group(i) == key);
        foreach (var (point, key) in r.Series.Zip(keys))
        {
            point.Started.Should().Be(CountIn(expected.Started(), key));
            point.Assigned.Should().Be(CountIn(expected.Assignments().Select(a => a.At), key));
            point.Resolved.Should().Be(CountIn(expected.Resolutions().Select(x => x.At), key));
            point.Abandoned.Should().Be(CountIn(expected.AbandonedAt(), key));
            point.Missed.Should().Be(CountIn(expected.Missed(), key));
            point.Ratings.Should().Be(CountIn(expected.Ratings().Select(x => x.At), key));
            point.FirstResponseMedian.Should().Be(BruteForceAnalytics.Stats(expected.FirstResponses().Where(f => Group(f.At) == key).Select(f => f.Seconds)).Median);
            point.ResolutionMedian.Should().Be(BruteForceAnalytics.Stats(expected.Resolutions().Where(x => Group(x.At) == key).Select(x => x.Seconds)).Median);
        }
        r.Series.Sum(p => p.Resolved).Should().Be(r.Totals.Resolved, "no event falls outside every group");
    }

    private static void ExpectHeatmap(AnalyticsReport r, BruteForceAnalytics expected, bool team)
    {
        var instants = team ? expected.Started().ToList() : expected.HandledEvents().Select(h => h.At).ToList();
        for (var d = 0; d < 7; d++)
            for (var h = 0; h < 24; h++)
            {
                var day = d;
                var hour = h;
                r.Heatmap.Started[d][h].Should().Be(instants.Count(i => (int)expected.Local(i).DayOfWeek - 1 == day && expected.Local(i).Hour == hour));
            }
        if (instants.Count > 0) r.Heatmap.Busiest.Should().NotBeEmpty();
    }

    private static void ExpectAgents(AnalyticsReport r, IReadOnlyList<GeneratedChat> chats, string from, string to, string tz, string? agent)
    {
        foreach (var a in GeneratedChats.Agents.Where(a => agent is null || a.AgentId == agent))
        {
            var mine = new BruteForceAnalytics(chats, from, to, tz, a.AgentId);
            var row = r.Agents.SingleOrDefault(x => x.AgentId == a.AgentId);
            var handled = mine.HandledEvents().Count();
            if (row is null)
            {
                (handled + mine.Transfers().Count() + mine.FirstResponses().Count() + mine.Resolutions().Count() + mine.Responses().Count() + mine.Ratings().Count()).Should().Be(0, $"{a.AgentId} did nothing in the range");
                continue;
            }
            var ratings = mine.Ratings().ToList();
            row.Should().BeEquivalentTo(new AgentStats
            {
                AgentId = a.AgentId,
                AgentName = a.DisplayName,
                Handled = handled,
                TransfersIn = mine.Transfers().Count(t => t.In),
                TransfersOut = mine.Transfers().Count(t => !t.In),
                Resolved = mine.Resolutions().Count(),
                FirstResponse = mine.First,
                ResponseTime = mine.Response,
                Ratings = ratings.Count,
                Csat = ratings.Count == 0 ? null : (double)ratings.Count(x => x.Stars >= 4) / ratings.Count,
                MeanStars = ratings.Count == 0 ? null : ratings.Sum(x => (double)x.Stars) / ratings.Count,
            });
        }
        if (agent is not null) r.Agents.Select(x => x.AgentId).Should().BeSubsetOf([agent]);
    }
}
