namespace ChatSupport.Contracts.Knowledge;

/// <summary>
/// One agent's suggestions on one day (UTC): how many confident sets the mini chat showed them, and what they did with
/// them: sent a suggestion as it was, edited it first, or answered otherwise.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SuggestionStats
{
    [Id(0)] public required DateOnly Day { get; init; }
    [Id(1)] public required string AgentId { get; init; }
    [Id(2)] public int Shown { get; init; }
    [Id(3)] public int Used { get; init; }
    [Id(4)] public int Edited { get; init; }
    [Id(5)] public int Ignored { get; init; }
}

/// <summary>
/// One day (UTC) of automatic first answers: how many chats got one, and how many of those visitors then pressed "Talk to
/// a person". Each chat counts once for each, however often its events are redelivered.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomaticAnswerStats
{
    [Id(0)] public required DateOnly Day { get; init; }
    [Id(1)] public int Sent { get; init; }
    [Id(2)] public int HandedOff { get; init; }
}
