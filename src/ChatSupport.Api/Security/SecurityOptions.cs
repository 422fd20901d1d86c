namespace ChatSupport.Api.Security;

/// <summary>Configuration section <c>ChatSupport:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "ChatSupport:Security";

    /// <summary>
    /// Base64 of at least 32 random bytes that signs visitor tokens. Every Api node of a deployment needs the
    /// same one. When unset, a random key is made at start (tokens then die with the process) and a warning logged.
    /// </summary>
    public string? VisitorTokenKey { get; set; }

    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>An expired token still proves who the visitor was for this long, so a returning visitor keeps their chat.</summary>
    public TimeSpan VisitorRenewalWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Renewals keep a visitor for at most this long after their first token: then the widget starts as a new visitor.</summary>
    public TimeSpan VisitorMaxLifetime { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row an account allows before it backs off (per account, whichever address they come from).</summary>
    public int SignInFreeFailures { get; set; } = 5;

    /// <summary>The first back-off; it doubles with each further failure.</summary>
    public TimeSpan SignInBackOffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off: the longest a guesser can keep the real operator out after their last guess.</summary>
    public TimeSpan SignInBackOffMax { get; set; } = TimeSpan.FromMinutes(2);

    public ChatSupport.Contracts.People.SignInRules SignInRules() => new()
    {
        Lifetime = SignInLifetime, FreeFailures = SignInFreeFailures, BackOffBase = SignInBackOffBase, BackOffMax = SignInBackOffMax,
    };

    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>Per-visitor and per-address limits on the visitor hub, and per-address limits on the public routes.</summary>
public sealed class RateLimitOptions
{
    public int ChatStartsPerVisitor { get; set; } = 5;
    public int ChatStartsPerAddress { get; set; } = 30;
    public TimeSpan ChatStartWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int MessagesPerVisitor { get; set; } = 20;
    public int MessagesPerAddress { get; set; } = 100;
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Every other visitor hub call (Resume, GetHistory, GetSession, Acknowledge, CloseChat, RateChat, and any method
    /// added later) shares one budget per visitor and one per address.
    /// </summary>
    public int CallsPerVisitor { get; set; } = 120;
    public int CallsPerAddress { get; set; } = 600;
    public TimeSpan CallWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Visitor hub connections one visitor token may hold open at once (on one Api node), and open per window.</summary>
    public int ConnectionsPerVisitor { get; set; } = 5;
    public int ConnectsPerVisitor { get; set; } = 20;
    public TimeSpan ConnectWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Typing events closer together than this are dropped (not refused): an indicator needs no more.</summary>
    public TimeSpan TypingMinInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>REST API v1 requests one API key may make per window (docs/security.md, "API keys").</summary>
    public int ApiRequestsPerKey { get; set; } = 600;
    public TimeSpan ApiKeyWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int TokenRequestsPerAddress { get; set; } = 60;
    public int SignInsPerAddress { get; set; } = 10;
    public TimeSpan RouteWindow { get; set; } = TimeSpan.FromMinutes(1);
}
