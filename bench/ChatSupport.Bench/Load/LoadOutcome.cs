using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Load;

/// <summary>The figures of one load phase, ready for the report.</summary>
public sealed record LoadOutcome(
    string Phase,
    int Parties,
    double Seconds,
    long Sent,
    long Acked,
    long Failed,
    long Delivered,
    double AckedPerSecond,
    LatencySummary Delivery,
    LatencySummary Ack,
    IReadOnlyList<TimelinePoint> DeliveryTimeline,
    IReadOnlyDictionary<string, int> FailureKinds,
    IReadOnlyDictionary<string, double> CoresUsed)
{
    /// <summary>Send → <c>try_again</c> for the sends the server refused as busy (none in a phase it could carry).</summary>
    public LatencySummary? Refusals { get; init; }

    /// <summary>Acknowledged messages whose delivery to the partner was never seen (0 is the only good answer).</summary>
    public long Undelivered => Math.Max(0, Acked - Delivered);
}
