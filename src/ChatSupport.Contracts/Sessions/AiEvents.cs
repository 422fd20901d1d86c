namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// The knowledge grain assessed the visitor's latest question: <see cref="Confidence"/> is the best suggestion's
/// calibrated probability of answering it (null: no knowledge to suggest from). The desk shows it in queue rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.AiConfidenceAssessed")]
public sealed record AiConfidenceAssessed : ChatEvent
{
    [Id(0)] public double? Confidence { get; init; }
}
