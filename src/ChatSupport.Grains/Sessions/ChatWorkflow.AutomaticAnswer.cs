using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Grains.Sessions;

// The automatic first answer and "Talk to a person" (docs/architecture.md, "Knowledge and AI suggestions").
public static partial class ChatWorkflow
{
    /// <summary>
    /// Records the automatic answer stored as message <paramref name="seq"/>: only while the chat waits, once per chat (a
    /// retry after the message was stored finds it recorded and raises nothing).
    /// </summary>
    public static Decision RecordAutomaticAnswer(ChatSessionState s, long seq, string source, double confidence, DateTimeOffset now)
    {
        if (!s.Started) return ChatErrors.UnknownSession();
        if (s.AutomaticAnswerSeq is not null || s.Status != ChatStatus.WaitingForAgent) return new Decision(s, [], null);
        return Decision.To(s with { AutomaticAnswerSeq = seq },
            new AutomaticAnswerSent { Seq = seq, Source = source, Confidence = Math.Round(confidence, 3), OccurredAt = now });
    }

    /// <summary>
    /// The visitor's "Talk to a person": the chat stays where it is in the queue (nothing about the queue changes); the
    /// hand-off is recorded once, and a second press is answered without a second event.
    /// </summary>
    public static Decision HandOffToPerson(ChatSessionState s, ChatCaller caller, DateTimeOffset now)
    {
        if (VisitorCommandRefusal(s, caller) is { } refused) return refused;
        if (s.Status == ChatStatus.Resolved) return ChatErrors.ChatResolved();
        if (s.AutomaticAnswerSeq is null) return ChatErrors.InvalidInput("This chat has no automatic answer to hand off from.");
        if (s.HandedOffAt is not null) return new Decision(s, [], null);
        return Decision.To(s with { HandedOffAt = now }, new AutomaticAnswerHandedOff { OccurredAt = now });
    }
}
