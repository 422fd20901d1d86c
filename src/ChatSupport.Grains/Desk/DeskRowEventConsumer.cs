using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Desk;

/// <summary>
/// The durable half of the desk: confirms a session event only once the desk's row holding it is stored. The answer
/// does not wait for it (<see cref="DeskEventConsumer"/> made the live list current before the answer), but the event
/// stays in the session's outbox until then, so a desk that dies before its write-behind lands gets it again. Apply
/// first: a desk activated anew since the first delivery may not have it in memory.
/// </summary>
public sealed class DeskRowEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "desk-row";

    public async Task ApplyAsync(ChatEventEnvelope e)
    {
        var desk = grains.GetGrain<IDeskGrain>(e.TenantId);
        await desk.Apply(e);
        await desk.WhenStored(e.SessionId, e.Seq);
    }
}
