namespace ChatSupport.Contracts.Knowledge;

/// <summary>Where a suggestion comes from: an article of the Knowledge page, or an approved answer learned from a chat.</summary>
public enum SuggestionSourceKind
{
    Article,
    LearnedAnswer,
}

/// <summary>
/// A suggested reply: the text an agent can put into the composer, the source it comes from (the article's title, or
/// "answer from chat of 2026-11-30") and its confidence, a calibrated probability (0–1) that it answers the question.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Suggestion
{
    [Id(0)] public required string EntryId { get; init; }
    [Id(1)] public required SuggestionSourceKind SourceKind { get; init; }
    [Id(2)] public required string Source { get; init; }
    [Id(3)] public required string Text { get; init; }
    [Id(4)] public required double Confidence { get; init; }
}

/// <summary>
/// The suggestions for a question, most confident first (at most 3). <see cref="Confident"/> is false when even the best
/// is under the tenant's threshold: the panel then says "No confident suggestion" and shows none of them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SuggestionSet
{
    [Id(0)] public required string Question { get; init; }
    [Id(1)] public required IReadOnlyList<Suggestion> Suggestions { get; init; }
    [Id(2)] public required bool Confident { get; init; }
    /// <summary>The best suggestion's confidence, also when it is under the threshold (null: the knowledge is empty).</summary>
    [Id(3)] public double? BestConfidence { get; init; }
    [Id(4)] public required double Threshold { get; init; }
    /// <summary>
    /// With a generative model configured (off by default): one reply the model wrote from the confident suggestions only,
    /// with their sources. Null without a model, or when it failed or took too long: the suggestions are the answer then.
    /// </summary>
    [Id(5)] public GeneratedReply? Draft { get; init; }
}

/// <summary>A reply a generative model wrote from retrieved suggestions, and the sources it was grounded on.</summary>
[GenerateSerializer, Immutable]
public sealed record GeneratedReply
{
    [Id(0)] public required string Text { get; init; }
    [Id(1)] public required IReadOnlyList<string> Sources { get; init; }
}

/// <summary>What the agent did with a shown suggestion: sent it as it was, edited it first, or wrote something else.</summary>
public enum SuggestionChoice
{
    Used,
    Edited,
    Ignored,
}
