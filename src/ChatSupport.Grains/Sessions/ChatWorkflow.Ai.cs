using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

// The AI confidence of the visitor's latest question (docs/architecture.md, "Knowledge and AI suggestions").
public static partial class ChatWorkflow
{
    /// <summary>Open chats take the new value; a resolved chat keeps the last one it had, and an unchanged value raises nothing.</summary>
    public static Decision RecordAiConfidence(ChatSessionState s, double? confidence, DateTimeOffset now)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        if (confidence is { } c && (double.IsNaN(c) || c < 0 || c > 1)) return ChatErrors.InvalidInput("A confidence is between 0 and 1.");
        var rounded = confidence is { } value ? Math.Round(value, 3) : (double?)null;
        if (s.Status == ChatStatus.Resolved || s.AiConfidence == rounded) return new Decision(s, [], null);
        return Decision.To(s with { AiConfidence = rounded }, new AiConfidenceAssessed { Confidence = rounded, OccurredAt = now });
    }
}
