namespace ChatSupport.Grains.Analytics;

/// <summary>
/// The response-time targets the shares are measured against: the product's "assign within 1–2 minutes" and "reply
/// within 2–3 minutes", at their upper ends. They become tenant settings with the routing issue.
/// </summary>
public static class AnalyticsTargets
{
    public const long AssignmentSeconds = 120;
    public const long FirstReplySeconds = 180;
}
