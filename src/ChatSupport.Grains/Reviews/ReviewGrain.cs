using ChatSupport.Contracts.Notes;
using ChatSupport.Contracts.Reviews;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;

namespace ChatSupport.Grains.Reviews;

[GenerateSerializer]
public sealed record ReviewState
{
    /// <summary>Waiting and reviewed chats by session id (reviewed ones stay, so a redelivered rating is not listed again).</summary>
    [Id(0)] public IReadOnlyDictionary<string, ChatReview> Reviews { get; init; } = new Dictionary<string, ChatReview>();
}

/// <summary>The tenant's "Needs review" list of low-rated chats.</summary>
public sealed class ReviewGrain(
    [PersistentState("reviews", StorageNames.Chat)] IPersistentState<ReviewState> state, TimeProvider clock) : Grain, IReviewGrain
{
    private const int ReviewedKept = 2_000;

    public async Task Add(ChatReview review)
    {
        if (state.State.Reviews.ContainsKey(review.SessionId)) return;
        await WriteAsync(new Dictionary<string, ChatReview>(state.State.Reviews) { [review.SessionId] = review });
    }

    public Task<IReadOnlyList<ChatReview>> GetPending() => Task.FromResult<IReadOnlyList<ChatReview>>(
        state.State.Reviews.Values.Where(r => r.ReviewedAt is null).OrderByDescending(r => r.RatedAt).ToList());

    public async Task<ChatResult<ChatReview>> MarkReviewed(string sessionId, AgentRef by, string note)
    {
        if (NoteInput.CheckText(note, out var trimmed) is { } bad) return bad;
        if (!state.State.Reviews.TryGetValue(sessionId, out var review) || review.ReviewedAt is not null)
            return ChatErrors.InvalidInput("That chat is not waiting for a review.");
        var reviewed = review with { ReviewedAt = clock.GetUtcNow(), ReviewedBy = by.DisplayName, ReviewNote = trimmed };
        var reviews = new Dictionary<string, ChatReview>(state.State.Reviews) { [sessionId] = reviewed };
        // Reviewed chats are kept for a while only, oldest first; the waiting ones always.
        foreach (var old in reviews.Values.Where(r => r.ReviewedAt is not null).OrderByDescending(r => r.ReviewedAt).Skip(ReviewedKept).ToList())
            reviews.Remove(old.SessionId);
        await WriteAsync(reviews);
        return reviewed;
    }

    private async Task WriteAsync(IReadOnlyDictionary<string, ChatReview> reviews)
    {
        var before = state.State;
        state.State = new ReviewState { Reviews = reviews };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }
}
