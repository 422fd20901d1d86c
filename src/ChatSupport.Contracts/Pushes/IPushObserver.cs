using Orleans.Concurrency;

namespace ChatSupport.Contracts.Pushes;

/// <summary>
/// An Api node's receiver of one channel's live events (a session's, a desk's, …): a grain observer the node creates
/// and registers with the grain that raises them (<see cref="IPushSource"/>). One-way: the grain never waits for a node,
/// so a slow or dead node holds up no chat. Calls from one activation to one observer are sent and handled in order.
/// </summary>
public interface IPushObserver : IGrainObserver
{
    [OneWay]
    Task Pushed(object item);
}

/// <summary>
/// A grain whose events Api nodes watch. A watch is held in the activation's memory and lapses after
/// <see cref="PushWatch.Lifetime"/> unless renewed, so a node that died is forgotten; a node renews every
/// <see cref="PushWatch.RenewPeriod"/> and at once when it learns a silo was lost.
/// </summary>
public interface IPushSource : IGrainWithStringKey
{
    /// <summary>
    /// Starts or renews <paramref name="node"/>'s watch and answers this activation's id. <paramref name="knownActivation"/>
    /// is the id the node's last watch was answered with (null at the first): when this activation does not hold that
    /// watch (another activation, or the watch lapsed) pushes were missed, and the grain sends the node what lets its
    /// clients catch up (a session its snapshot, whose <c>lastSeq</c> they read history after).
    /// </summary>
    Task<string> Watch(IPushObserver node, string? knownActivation);

    Task Unwatch(IPushObserver node);
}

public static class PushWatch
{
    /// <summary>How long a watch lives without renewal: a node that died stops costing pushes after this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>How often a node renews its watches: about three renewals per lifetime, so one lost renewal costs nothing.</summary>
    public static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(20);
}

/// <summary>
/// The last push of a grain activation that is deactivating (idle, moved, its silo shutting down): the node watches
/// again at once, which wakes the next activation, and that one sends what the node may have missed meanwhile.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PushSourceLeaving;
