using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Desk;

/// <summary>Every session event reaches the tenant's desk, which keeps the live list from the session it carries.</summary>
public sealed class DeskEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "desk";

    public bool BeforeAnswer => true;

    public Task ApplyAsync(ChatEventEnvelope e) => grains.GetGrain<IDeskGrain>(e.TenantId).Apply(e);
}
