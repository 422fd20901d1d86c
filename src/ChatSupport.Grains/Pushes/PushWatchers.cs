using System.Diagnostics;
using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Grains.Pushes;

/// <summary>
/// The Api nodes watching one grain's events (<see cref="IPushSource"/>), held by that grain's activation. A push is a
/// one-way call to each node, made after the event is stored and never awaited: nothing on a caller's path waits for a
/// node or for any other grain. Watches lapse after <see cref="PushWatch.Lifetime"/> without renewal.
/// </summary>
public sealed class PushWatchers
{
    private readonly Dictionary<IPushObserver, long> _renewedAt = [];

    /// <summary>This activation's id: a node that was answered another one was watching an earlier activation.</summary>
    public string Activation { get; } = Guid.NewGuid().ToString("N")[..12];

    public bool Any => _renewedAt.Count > 0;

    /// <summary>Starts or renews the watch; true when the node missed pushes (it believed it watched, this activation did not hold it).</summary>
    public bool Watch(IPushObserver node, string? knownActivation)
    {
        var held = _renewedAt.ContainsKey(node);
        _renewedAt[node] = Stopwatch.GetTimestamp();
        return knownActivation is not null && (knownActivation != Activation || !held);
    }

    public void Unwatch(IPushObserver node) => _renewedAt.Remove(node);

    public void Push(object item)
    {
        List<IPushObserver>? lapsed = null;
        foreach (var (node, renewedAt) in _renewedAt)
        {
            if (Stopwatch.GetElapsedTime(renewedAt) > PushWatch.Lifetime) (lapsed ??= []).Add(node);
            else PushTo(node, item);
        }
        foreach (var node in lapsed ?? []) _renewedAt.Remove(node);
    }

    /// <summary>One node only: what a node that missed pushes needs to catch up.</summary>
    public static void PushTo(IPushObserver node, object item)
    {
        // One-way: the call returns once the message is queued. A node that is gone costs one dropped message.
        _ = node.Pushed(item);
    }
}
