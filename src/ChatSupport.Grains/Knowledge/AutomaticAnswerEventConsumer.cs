using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Events;

namespace ChatSupport.Grains.Knowledge;

/// <summary>
/// Counts the automatic first answers and the hand-offs after them for the Analytics view, from the session's events
/// (delivered at least once: the knowledge grain counts each chat once for each).
/// </summary>
public sealed class AutomaticAnswerEventConsumer(IGrainFactory grains) : IChatEventConsumer
{
    public string Name => "automatic-answers";

    public Task ApplyAsync(ChatEventEnvelope e) => e.Event switch
    {
        AutomaticAnswerSent => grains.GetGrain<IKnowledgeGrain>(e.TenantId).RecordAutomaticAnswer(e.SessionId, handedOff: false, e.Event.OccurredAt),
        AutomaticAnswerHandedOff => grains.GetGrain<IKnowledgeGrain>(e.TenantId).RecordAutomaticAnswer(e.SessionId, handedOff: true, e.Event.OccurredAt),
        _ => Task.CompletedTask,
    };
}
