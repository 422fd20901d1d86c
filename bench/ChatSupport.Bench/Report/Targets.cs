namespace ChatSupport.Bench.Report;

/// <summary>One target of issue 9, what this run measured against it, and whether it is met (null: this run cannot tell).</summary>
public sealed record TargetVerdict(string Target, string Measured, bool? Met, string Note);

/// <summary>The targets of the benchmark issue, judged from a run's figures.</summary>
public static class Targets
{
    public const double LatencyP99LimitMs = 50;
    public const double DurableShareOfRawInserts = 0.70;
    public const double MemoryLimitBytesPerChat = 100 * 1024;

    public const double OverloadAckedShareOfSaturation = 0.90;
    public const double RefusalP99LimitMs = 100;

    public static IReadOnlyList<TargetVerdict> Evaluate(BenchResult r) => [Latency(r), Saturation(r), Overload(r), Memory(r)];

    private static TargetVerdict Overload(BenchResult r)
    {
        const string target = "Offered 3 × saturation: acknowledged ≥ 90 % of saturation, every refusal a fast try_again (p99 ≤ 100 ms), no connection dropped";
        if (r.Chat.Overload is not { } o) return new TargetVerdict(target, "not measured", null, "needs the saturation phase");
        var met = o.AckedShareOfSaturation >= OverloadAckedShareOfSaturation && o.Refusals.P99Ms <= RefusalP99LimitMs && o.ConnectionsDropped == 0;
        return new TargetVerdict(target,
            $"{o.Load.AckedPerSecond:0} ÷ {o.SaturationPerSecond:0} = {o.AckedShareOfSaturation:P0}; {o.Refusals.Count:N0} try_again, p99 {o.Refusals.P99Ms:0.0} ms; " +
            $"ack p99 {o.Load.Ack.P99Ms:0} ms; {o.ConnectionsDropped} dropped",
            met, $"{o.Load.Parties} parties of the open chats, open loop");
    }

    private static TargetVerdict Latency(BenchResult r)
    {
        var steady = r.Chat.Steady;
        var missing = r.Chat.Durability?.AcknowledgedButMissing;
        var everyMessageOk = steady.Failed == 0 && steady.Undelivered == 0 && missing == 0;
        var met = missing is null ? (bool?)null : steady.Delivery.P99Ms <= LatencyP99LimitMs && everyMessageOk;
        var measured = $"p99 {steady.Delivery.P99Ms:0.0} ms; {steady.Failed} failed, {steady.Undelivered} undelivered, " +
                       (missing is null ? "storage not checked" : $"{missing} acknowledged but not stored");
        return new TargetVerdict(
            "1,000 chats, a message per party every 10 s: end-to-end p99 ≤ 50 ms, every message stored before its ack",
            measured, met, ScaleNote(r.Settings.Chats == 1000 && r.Settings.IntervalSeconds == 10,
                $"this run: {r.Settings.Chats} chats, every {r.Settings.IntervalSeconds:0} s"));
    }

    private static TargetVerdict Saturation(BenchResult r)
    {
        if (r.Chat.RawInserts is not { PerSecond: > 0 } raw || r.Chat.Saturation is not { } saturation)
            return new TargetVerdict("Saturation: durable messages/s ≥ 70 % of raw inserts/s", "not measured", null, "see the problems listed in the report");
        var share = saturation.AckedPerSecond / raw.PerSecond;
        return new TargetVerdict("Saturation: durable messages/s ≥ 70 % of raw inserts/s",
            $"{saturation.AckedPerSecond:0} ÷ {raw.PerSecond:0} = {share:P0}", share >= DurableShareOfRawInserts,
            $"{r.Settings.SaturationChats * 2} concurrent senders / writers on the same Azurite");
    }

    private static TargetVerdict Memory(BenchResult r)
    {
        if (r.Chat.Memory is not { } memory)
            return new TargetVerdict("Memory: ≤ 100 KB of server memory per open chat at 5,000 chats", "not measured", null, "needs the server's pid");
        var total = memory.After.ResidentBytes / (double)memory.OpenChats;
        var heap = memory.LiveHeapBytesPerChat is { } h ? $", live GC heap +{Kb(h)} per chat" : "";
        // Judged on the strict reading: the whole server's resident memory divided by the open chats.
        return new TargetVerdict("Memory: ≤ 100 KB of server memory per open chat at 5,000 chats",
            $"RSS {Kb(total)} per open chat in all ({Kb(memory.ResidentBytesPerChat)} per chat above the idle server){heap}",
            total <= MemoryLimitBytesPerChat,
            ScaleNote(r.Settings.Chats == 5000, $"this run: {memory.OpenChats} open chats"));
    }

    public static string Kb(double bytes) => $"{bytes / 1024:0.0} KB";

    private static string ScaleNote(bool atTargetScale, string actual) => atTargetScale ? "at the target's scale" : $"target's scale differs — {actual}";
}
