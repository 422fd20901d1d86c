using ChatSupport.Contracts.Routing;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Routing;

/// <summary>
/// Tells the tenant's router when an assignment may have become possible: a chat started or was re-routed (one more
/// waiting) or an agent's slot freed up (a chat ended or moved away from them). The nudge is one-way and the router keeps nothing of
/// it: its truth is the desk's queue and the agents, read on every pass, so a lost nudge costs at most one sweep.
/// </summary>
public sealed class RoutingEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "routing";

    public Task ApplyAsync(ChatEventEnvelope e)
    {
        if (e.Event is ChatStarted or ChatTransferred or ChatReRouted or ChatEnded { Agent: not null })
            return grains.GetGrain<IRouterGrain>(e.TenantId).Nudge();
        return Task.CompletedTask;
    }
}
