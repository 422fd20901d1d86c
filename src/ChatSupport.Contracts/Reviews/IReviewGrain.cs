using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Reviews;

/// <summary>A low-rated chat (1–2 stars) waiting for someone to review it, or reviewed (who, when, their note).</summary>
[GenerateSerializer, Immutable]
public sealed record ChatReview
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required int Stars { get; init; }
    [Id(2)] public string? Feedback { get; init; }
    [Id(3)] public AgentRef? Agent { get; init; }
    [Id(4)] public required DateTimeOffset RatedAt { get; init; }
    [Id(5)] public DateTimeOffset? ReviewedAt { get; init; }
    [Id(6)] public string? ReviewedBy { get; init; }
    [Id(7)] public string? ReviewNote { get; init; }
}

/// <summary>The tenant's "Needs review" list, keyed by tenant id (kept by the low-rating consumer).</summary>
public interface IReviewGrain : IGrainWithStringKey
{
    /// <summary>Adds a low-rated chat once (a redelivered rating changes nothing).</summary>
    Task Add(ChatReview review);

    /// <summary>The chats not yet reviewed, newest rating first.</summary>
    Task<IReadOnlyList<ChatReview>> GetPending();

    /// <summary>Marks the chat reviewed with a note (1–4,000 characters); <c>invalid_input</c> when it is not waiting for a review.</summary>
    Task<ChatResult<ChatReview>> MarkReviewed(string sessionId, AgentRef by, string note);
}
