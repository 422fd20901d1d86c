using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Messages;
using NodaTime;

namespace ChatSupport.Grains.Tests.Analytics;

/// <summary>
/// docs/analytics.md's definitions applied directly to each chat's facts, with lists and sorting instead of buckets and
/// histograms: what every number of the report must equal.
/// </summary>
public sealed class BruteForceAnalytics(IReadOnlyList<GeneratedChat> chats, string from, string to, string timeZone, string? agentId)
{
    private const long AssignTarget = 120;
    private const long ReplyTarget = 180;

    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[timeZone];
    private readonly LocalDate _from = NodaTime.Text.LocalDatePattern.Iso.Parse(from).Value;
    private readonly LocalDate _to = NodaTime.Text.LocalDatePattern.Iso.Parse(to).Value;

    public bool InRange(DateTimeOffset at)
    {
        var date = Instant.FromDateTimeOffset(at).InZone(_zone).Date;
        return date >= _from && date <= _to;
    }

    public LocalDateTime Local(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(_zone).LocalDateTime;

    private static long Seconds(DateTimeOffset a, DateTimeOffset b) => Math.Max(0, (long)Math.Floor((b - a).TotalSeconds));

    private bool Mine(string? agent) => agentId is null || agent == agentId;

    public IEnumerable<DateTimeOffset> Started() => agentId is null ? chats.Select(c => c.Start).Where(InRange) : [];

    public IEnumerable<(DateTimeOffset At, long Wait)> Assignments() =>
        chats.Where(c => c.Assigned is { } a && Mine(a.Agent.AgentId) && InRange(a.At)).Select(c => (c.Assigned!.Value.At, Seconds(c.Start, c.Assigned.Value.At)));

    public IEnumerable<DateTimeOffset> Missed() =>
        Assignments().Where(a => a.Wait > AssignTarget).Select(a => a.At)
            .Concat(agentId is null
                ? chats.Where(c => c.Assigned is null && c.Ended is { } e && InRange(e.At) && Seconds(c.Start, e.At) > AssignTarget).Select(c => c.Ended!.Value.At)
                : []);

    public IEnumerable<(DateTimeOffset At, long Seconds)> FirstResponses() =>
        chats.Where(c => c.FirstReply is { } f && Mine(f.Agent.AgentId) && InRange(f.At)).Select(c => (c.FirstReply!.Value.At, Seconds(c.Start, c.FirstReply.Value.At)));

    private static bool Abandoned(GeneratedChat c) => c.Ended is { ByVisitor: true } && c.FirstReply is null;

    public IEnumerable<DateTimeOffset> AbandonedAt() =>
        agentId is null ? chats.Where(c => Abandoned(c) && InRange(c.Ended!.Value.At)).Select(c => c.Ended!.Value.At) : [];

    public IEnumerable<(DateTimeOffset At, long Seconds)> Resolutions() =>
        chats.Where(c => c.Ended is { } e && !Abandoned(c) && InRange(e.At) && (agentId is null || e.Agent?.AgentId == agentId))
            .Select(c => (c.Ended!.Value.At, Seconds(c.Start, c.Ended.Value.At)));

    public IEnumerable<long> Responses(string? onlyAgent = null) =>
        chats.Where(c => c.Ended is { } e && InRange(e.At)).SelectMany(c => Runs(c.Messages))
            .Where(r => Mine(r.Agent) && (onlyAgent is null || r.Agent == onlyAgent)).Select(r => r.Seconds);

    public IEnumerable<(DateTimeOffset At, int Stars)> Ratings(string? onlyAgent = null) =>
        chats.Where(c => c.Rated is { } r && InRange(r.At) && Mine(r.Agent?.AgentId) && (onlyAgent is null || r.Agent?.AgentId == onlyAgent))
            .Select(c => (c.Rated!.Value.At, c.Rated.Value.Stars));

    /// <summary>For each run of visitor messages, the first of the run to the next agent message.</summary>
    private static IEnumerable<(string Agent, long Seconds)> Runs(IReadOnlyList<ChatMessage> messages)
    {
        var list = new List<(string, long)>();
        DateTimeOffset? runStart = null;
        foreach (var m in messages)
        {
            if (m.Sender == ChatParty.Visitor) { if (runStart is null) runStart = m.SentAt; }
            else if (runStart is not null) { list.Add((m.SenderId, Seconds(runStart.Value, m.SentAt))); runStart = null; }
        }
        return list;
    }

    public static DurationStats Stats(IEnumerable<long> values, long? target = null)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return new DurationStats { TargetSeconds = target };
        long Rank(double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
        return new DurationStats
        {
            N = sorted.Count,
            Mean = sorted.Sum(v => (double)v) / sorted.Count,
            Median = Rank(0.5),
            P90 = Rank(0.9),
            WithinTarget = target is { } t ? (double)sorted.Count(v => v <= t) / sorted.Count : null,
            TargetSeconds = target,
        };
    }

    public DurationStats Wait => Stats(Assignments().Select(a => a.Wait), AssignTarget);
    public DurationStats First => Stats(FirstResponses().Select(f => f.Seconds), ReplyTarget);
    public DurationStats Response => Stats(Responses());
    public DurationStats Resolution => Stats(Resolutions().Select(r => r.Seconds));

    public IEnumerable<(string AgentId, DateTimeOffset At)> HandledEvents() =>
        chats.SelectMany(c => new[]
            {
                c.Assigned is { } a ? (a.Agent.AgentId, a.At) : ((string, DateTimeOffset)?)null,
                c.Transferred is { } t ? (t.To.AgentId, t.At) : null,
            }).Where(h => h is { } x && Mine(x.Item1) && InRange(x.Item2)).Select(h => h!.Value);

    public IEnumerable<(string AgentId, DateTimeOffset At, bool In)> Transfers() =>
        chats.Where(c => c.Transferred is { } t && InRange(t.At))
            .SelectMany(c => new[] { (c.Transferred!.Value.From.AgentId, c.Transferred.Value.At, false), (c.Transferred.Value.To.AgentId, c.Transferred.Value.At, true) })
            .Where(t => Mine(t.Item1));
}
