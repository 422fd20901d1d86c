namespace ChatSupport.Api.Demo;

/// <summary>Section <c>ChatSupport:Demo</c>: <c>./chat demo</c> (or <c>./chat run --demo</c>) turns it on (docs/analytics.md, "Demo data").</summary>
public sealed class DemoOptions
{
    public const string Section = "ChatSupport:Demo";

    public bool Enabled { get; set; }
    /// <summary>The tenant to fill; it and its agents must exist (the bootstrap creates them).</summary>
    public string Tenant { get; set; } = "demo";
    /// <summary>How many past chats, spread over <see cref="Days"/> days up to now.</summary>
    public int Chats { get; set; } = 2_000;
    public int Days { get; set; } = 30;
    /// <summary>How many simulated visitors chat at any moment afterwards (0: none).</summary>
    public int LiveVisitors { get; set; } = 3;
    /// <summary>The shop's office hours are in this IANA time zone (empty: the machine's own).</summary>
    public string? TimeZone { get; set; }
    /// <summary>
    /// How many past chats are replayed at once. Every event reaches the tenant's one desk and one analytics grain, which
    /// set the pace; more at once only lengthens their queues.
    /// </summary>
    public int Parallel { get; set; } = 8;
    public int Seed { get; set; } = 14;
}
