namespace ChatSupport.Bench.Report;

/// <summary>The chat pipeline against its two baselines, from the same run on the same machine at the same concurrency.</summary>
public sealed record Ratio(string Name, double Numerator, double Denominator, string Unit)
{
    public double? Value => Denominator > 0 ? Numerator / Denominator : null;

    public static IReadOnlyList<Ratio> From(BenchResult r)
    {
        var ratios = new List<Ratio>();
        if (r.Relay is { } relay)
        {
            if (r.Chat.Saturation is { } chatSaturation)
                ratios.Add(new("chat pipeline messages/s ÷ bare relay messages/s (saturation)", chatSaturation.AckedPerSecond, relay.Saturation.AckedPerSecond, "msg/s"));
            ratios.Add(new("chat delivery p99 ÷ bare relay delivery p99 (steady)", r.Chat.Steady.Delivery.P99Ms, relay.Steady.Delivery.P99Ms, "ms"));
        }
        if (r.Chat.Saturation is not { } saturation) return ratios;
        if (r.Chat.RawInserts is { } raw)
            ratios.Add(new("durable messages/s ÷ raw single-entity inserts/s (saturation)", saturation.AckedPerSecond, raw.PerSecond, "per s"));
        if (r.Chat.RawMessageTransactions is { } tx)
            ratios.Add(new("durable messages/s ÷ raw two-row transactions/s (saturation)", saturation.AckedPerSecond, tx.PerSecond, "per s"));
        return ratios;
    }
}
