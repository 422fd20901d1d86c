using System.Text;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// Refusals (a hub call answered with a refusal code such as <c>slow_down</c> or <c>invalid_input</c>, an HTTP rate
/// limit) are answers, not failures: they are counted by code and summed up in at most one line per interval
/// (<c>ChatSupport:Logging:RefusalSummaryInterval</c>, 10 s by default), at Information level and without a stack
/// trace, e.g. "refused 253 calls: slow_down 250, invalid_input 3". A burst from one client costs one line.
/// </summary>
public sealed class RefusalLog : IDisposable
{
    public const string IntervalSetting = "ChatSupport:Logging:RefusalSummaryInterval";

    private readonly ILogger<RefusalLog> _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public RefusalLog(ILogger<RefusalLog> logger, IConfiguration configuration, TimeProvider clock)
    {
        _logger = logger;
        var interval = configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(10));
        if (interval <= TimeSpan.Zero) interval = TimeSpan.FromSeconds(10);
        _timer = clock.CreateTimer(_ => Flush(), null, interval, interval);
    }

    /// <summary>Counts a refusal by the code its message starts with ("slow_down: Too many…").</summary>
    public void Count(string? refusalMessage)
    {
        var code = CodeOf(refusalMessage);
        lock (_gate) _counts[code] = _counts.GetValueOrDefault(code) + 1;
    }

    /// <summary>Writes the line for the refusals counted since the last one, if any.</summary>
    public void Flush()
    {
        Dictionary<string, int> counts;
        lock (_gate)
        {
            if (_counts.Count == 0) return;
            counts = _counts;
            _counts = new(StringComparer.Ordinal);
        }
        var text = new StringBuilder();
        foreach (var (code, n) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
            text.Append(text.Length > 0 ? ", " : "").Append(code).Append(' ').Append(n);
        _logger.LogInformation("refused {Count} calls: {Codes}", counts.Values.Sum(), text.ToString());
    }

    /// <summary>The stable code at the start of a refusal's text; anything else counts as "other".</summary>
    internal static string CodeOf(string? message)
    {
        var colon = message?.IndexOf(':') ?? -1;
        if (colon is <= 0 or > 40) return "other";
        var code = message![..colon];
        return code.All(c => c is (>= 'a' and <= 'z') or '_') ? code : "other";
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
