namespace ChatSupport.Grains.Webhooks;

/// <summary>Webhook delivery settings (<c>ChatSupport:Webhooks</c>, docs/operations.md, "Webhooks").</summary>
public sealed class WebhookOptions
{
    public const string Section = "ChatSupport:Webhooks";

    /// <summary>About 1 min, 5 min, 30 min, 2 h and 6 h after the first attempt's failure, then the delivery is failed.</summary>
    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    /// <summary>
    /// Targets allowed although not public: IP addresses, CIDR networks or host names (e.g. <c>127.0.0.1</c>, which the
    /// tests and <c>./chat run</c> set). Empty by default: only public addresses are reached.
    /// </summary>
    public string[] AllowedTargets { get; set; } = [];

    /// <summary>The waits between attempts; empty means <see cref="DefaultRetryDelays"/> (tests use seconds).</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>One attempt's limit, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an endpoint with queued deliveries is looked at even if nothing wakes it (after a silo's death).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<TimeSpan> Delays => RetryDelays is { Length: > 0 } ? RetryDelays : DefaultRetryDelays;
}
