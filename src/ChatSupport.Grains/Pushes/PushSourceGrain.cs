using ChatSupport.Contracts.Pushes;

namespace ChatSupport.Grains.Pushes;

/// <summary>A grain Api nodes watch (<see cref="IPushSource"/>): it pushes its events to them through <see cref="Watchers"/>.</summary>
public abstract class PushSourceGrain : Grain
{
    protected PushWatchers Watchers { get; } = new();

    public Task<string> Watch(IPushObserver node, string? knownActivation)
    {
        if (Watchers.Watch(node, knownActivation)) CatchUp(node);
        return Task.FromResult(Watchers.Activation);
    }

    public Task Unwatch(IPushObserver node)
    {
        Watchers.Unwatch(node);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The watchers are in this activation's memory only: each is told to watch the next one (a grain that overrides
    /// this calls it last). A silo that dies says nothing; its Api nodes watch again when they learn of the loss.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Watchers.Push(new PushSourceLeaving());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends a node that missed pushes what lets its clients catch up. Nothing by default: where a missed push costs
    /// more than a toast or a second of staleness the grain says what (a session its snapshot, the desk its last delta).
    /// </summary>
    protected virtual void CatchUp(IPushObserver node) { }
}
