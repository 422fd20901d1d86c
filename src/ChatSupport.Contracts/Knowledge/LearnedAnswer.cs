namespace ChatSupport.Contracts.Knowledge;

public enum LearnedAnswerStatus
{
    /// <summary>Proposed from a well-rated chat; not used for suggestions until an admin approves it.</summary>
    Candidate,
    Approved,
}

/// <summary>
/// A visitor's question and the agent's answer from a resolved chat rated 4–5, with emails, phone numbers, order and
/// card numbers replaced by placeholders. Only approved ones are suggested; a discarded one is deleted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LearnedAnswer
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Question { get; init; }
    [Id(2)] public required string Answer { get; init; }
    [Id(3)] public required string SessionId { get; init; }
    [Id(4)] public required DateTimeOffset ChatDate { get; init; }
    [Id(5)] public required LearnedAnswerStatus Status { get; init; }
}
