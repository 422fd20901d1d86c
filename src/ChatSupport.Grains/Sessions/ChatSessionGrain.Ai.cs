using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

/// <summary>The AI confidence the knowledge grain assessed: a decision like any other, so the desk learns it from the event.</summary>
public sealed partial class ChatSessionGrain
{
    public async Task<ChatResult<ChatSessionSnapshot>> RecordAiConfidence(double? confidence)
    {
        var decision = ChatWorkflow.RecordAiConfidence(S, confidence, clock.GetUtcNow());
        return decision is { Error: null, Events.Count: 0 } ? Snapshot() : await ApplyAsync(decision);
    }
}
