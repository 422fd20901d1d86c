using ChatSupport.Contracts.Analytics;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Analytics;

/// <summary>Every session event reaches its tenant's analytics, after the command was answered.</summary>
public sealed class AnalyticsEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "analytics";

    public Task ApplyAsync(ChatEventEnvelope e) => grains.GetGrain<IAnalyticsGrain>(e.TenantId).Apply(e);
}
