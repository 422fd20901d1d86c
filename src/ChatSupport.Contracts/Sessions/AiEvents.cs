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

/// <summary>
/// The chat waited and the best suggestion was confident enough (the workspace's first-answer setting): the visitor got
/// it as an automatic message, message <see cref="Seq"/> of the log, from <see cref="Source"/>. Never an agent's reply.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat-event.AutomaticAnswerSent")]
public sealed record AutomaticAnswerSent : ChatEvent
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required string Source { get; init; }
    [Id(2)] public required double Confidence { get; init; }
}

/// <summary>The visitor pressed "Talk to a person" under the automatic answer: the chat keeps its place in the queue.</summary>
[GenerateSerializer, Immutable, Alias("chat-event.AutomaticAnswerHandedOff")]
public sealed record AutomaticAnswerHandedOff : ChatEvent;
