using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Security;

/// <summary>
/// Limits for visitors, per visitor and per client address, from System.Threading.RateLimiting: fixed windows for
/// calls, and a count of the connections a visitor holds open. Kept per Api node (a visitor's calls go to one node).
/// </summary>
public sealed class VisitorRateLimits(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private readonly RateLimitOptions _o = options.Value.RateLimits;
    private readonly ConcurrentDictionary<string, long> _lastTypingTicks = new();
    private readonly ConcurrentDictionary<string, int> _openConnections = new();

    private readonly PartitionedRateLimiter<string> _startsByVisitor = FixedWindow(options.Value.RateLimits.ChatStartsPerVisitor, options.Value.RateLimits.ChatStartWindow);
    private readonly PartitionedRateLimiter<string> _startsByAddress = FixedWindow(options.Value.RateLimits.ChatStartsPerAddress, options.Value.RateLimits.ChatStartWindow);
    private readonly PartitionedRateLimiter<string> _messagesByVisitor = FixedWindow(options.Value.RateLimits.MessagesPerVisitor, options.Value.RateLimits.MessageWindow);
    private readonly PartitionedRateLimiter<string> _messagesByAddress = FixedWindow(options.Value.RateLimits.MessagesPerAddress, options.Value.RateLimits.MessageWindow);
    private readonly PartitionedRateLimiter<string> _callsByVisitor = FixedWindow(options.Value.RateLimits.CallsPerVisitor, options.Value.RateLimits.CallWindow);
    private readonly PartitionedRateLimiter<string> _callsByAddress = FixedWindow(options.Value.RateLimits.CallsPerAddress, options.Value.RateLimits.CallWindow);
    private readonly PartitionedRateLimiter<string> _connectsByVisitor = FixedWindow(options.Value.RateLimits.ConnectsPerVisitor, options.Value.RateLimits.ConnectWindow);

    public bool TryStartChat(string visitorKey, string address) => Acquire(_startsByVisitor, visitorKey) & Acquire(_startsByAddress, address);

    public bool TrySendMessage(string visitorKey, string address) => Acquire(_messagesByVisitor, visitorKey) & Acquire(_messagesByAddress, address);

    /// <summary>Any other visitor hub call.</summary>
    public bool TryCall(string visitorKey, string address) => Acquire(_callsByVisitor, visitorKey) & Acquire(_callsByAddress, address);

    /// <summary>May the visitor open one more connection: within the connects per window, and fewer open than allowed.</summary>
    public bool TryConnect(string visitorKey) =>
        _openConnections.GetValueOrDefault(visitorKey) < _o.ConnectionsPerVisitor && Acquire(_connectsByVisitor, visitorKey);

    /// <summary>A connection of the visitor opened (the hub counts them; <see cref="Disconnected"/> gives it back).</summary>
    public void Connected(string visitorKey) => _openConnections.AddOrUpdate(visitorKey, 1, (_, n) => n + 1);

    public void Disconnected(string visitorKey)
    {
        if (_openConnections.AddOrUpdate(visitorKey, 0, (_, n) => Math.Max(0, n - 1)) == 0)
            _openConnections.TryRemove(new KeyValuePair<string, int>(visitorKey, 0));
    }

    /// <summary>True when a typing event from this connection should pass; false when it comes too soon after the last.</summary>
    public bool ShouldForwardTyping(string connectionId)
    {
        var now = clock.GetTimestamp();
        var last = _lastTypingTicks.GetOrAdd(connectionId, 0);
        if (last != 0 && clock.GetElapsedTime(last, now) < _o.TypingMinInterval) return false;
        _lastTypingTicks[connectionId] = now;
        return true;
    }

    public void Forget(string connectionId) => _lastTypingTicks.TryRemove(connectionId, out _);

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> FixedWindow(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
}
