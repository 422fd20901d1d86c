namespace ChatSupport.Bench.Analytics;

/// <summary>What <c>./chat bench analytics</c> does. Every count and duration is bounded, so a run ends by itself.</summary>
public sealed record AnalyticsOptions
{
    public const string Usage = """
        usage: ./chat bench analytics [--analytics-chats N] [--days D] [--agents N] [--queries N] [--cold-samples N]
                                      [--feed-parallelism N] [--feed-minutes M] [--churn N] [--skip-message-path]
                                      [--chats N] [--interval S] [--duration S] [--out DIR]
          --analytics-chats     chats whose session events are fed into one tenant's analytics (default 100000, at most 200000)
          --days                the days they are spread over, ending yesterday (UTC) (default 30, at most 90)
          --agents              the tenant's agents, who take the chats (default 8)
          --queries             timed report queries per kind and path, after 20 untimed ones (default 200)
          --cold-samples        host restarts, each timing the first report of a fresh activation (default 3, at most 10)
          --feed-parallelism    sessions whose events are in flight at once (default 64)
          --feed-minutes        the feed stops after this long, fed or not (default 45)
          --skip-message-path   only the report figures: skip the steady phase with analytics on and off
          --churn               chats started, resolved and rated per second during each steady phase (default 5)
          --chats, --interval, --duration   the steady phase, as in ./chat bench (defaults 1000, 10, 60)
        """;

    public required int Chats { get; init; }
    public required int Days { get; init; }
    public required int Agents { get; init; }
    public required int Queries { get; init; }
    public required int ColdSamples { get; init; }
    public required int FeedParallelism { get; init; }
    public required TimeSpan FeedLimit { get; init; }
    public required bool SkipMessagePath { get; init; }
    public required double ChurnPerSecond { get; init; }

    /// <summary>The steady phase's settings (chats, interval, duration, output folder) for the message-path comparison.</summary>
    public required BenchOptions Pipeline { get; init; }

    public static AnalyticsOptions From(BenchArgs args)
    {
        var options = new AnalyticsOptions
        {
            Chats = BenchOptions.Bounded(args.Int("analytics-chats", 100_000), "analytics-chats", 1, 200_000),
            Days = BenchOptions.Bounded(args.Int("days", 30), "days", 1, 90),
            Agents = BenchOptions.Bounded(args.Int("agents", 8), "agents", 2, 100),
            Queries = BenchOptions.Bounded(args.Int("queries", 200), "queries", 1, 10_000),
            ColdSamples = BenchOptions.Bounded(args.Int("cold-samples", 3), "cold-samples", 1, 10),
            FeedParallelism = BenchOptions.Bounded(args.Int("feed-parallelism", 64), "feed-parallelism", 1, 1000),
            FeedLimit = TimeSpan.FromMinutes(BenchOptions.Bounded(args.Int("feed-minutes", 45), "feed-minutes", 1, 120)),
            SkipMessagePath = args.Switch("skip-message-path"),
            ChurnPerSecond = BenchOptions.Bounded(args.Int("churn", 5), "churn", 0, 100),
            // Reads the rest of the options and refuses unknown ones.
            Pipeline = BenchOptions.From(args),
        };
        if (options.Pipeline.ExternalUrl is not null)
            throw new BenchUsageException("./chat bench analytics starts its own host and Azurite: --url does not apply.");
        return options;
    }
}
