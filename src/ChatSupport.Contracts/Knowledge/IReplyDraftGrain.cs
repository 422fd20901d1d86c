namespace ChatSupport.Contracts.Knowledge;

/// <summary>
/// The generative model's draft of one reply from the confident suggestions (off unless an operator configured a
/// model). A stateless worker beside the knowledge grain: a model's seconds never hold the tenant's suggestions.
/// </summary>
public interface IReplyDraftGrain : IGrainWithIntegerKey
{
    /// <summary>Null without a model, or when it failed, timed out or found no answer in the suggestions.</summary>
    Task<GeneratedReply?> Draft(string question, IReadOnlyList<Suggestion> suggestions);
}
