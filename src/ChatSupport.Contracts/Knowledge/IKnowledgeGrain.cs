using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Contracts.Knowledge;

/// <summary>
/// A tenant's knowledge (keyed by tenant id): articles and learned answers in an Azure table with their embeddings, and
/// in memory the BM25 index and the vectors, rebuilt from that table on activation. Suggestions are computed here, on
/// this machine: nothing of the conversation leaves the silo.
/// </summary>
public interface IKnowledgeGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<KnowledgeArticle>> GetArticles();

    /// <summary>Adds (id null) or replaces an article; <c>invalid_input</c> for an empty or over-long one, or an unknown id.</summary>
    Task<ChatResult<KnowledgeArticle>> SaveArticle(string? id, ArticleDraft draft);

    Task<ChatResult<bool>> DeleteArticle(string id);

    /// <summary>Adds all the drafts or none (at most <see cref="KnowledgeLimits.ImportMax"/>); the caller has checked each row.</summary>
    Task<ChatResult<int>> ImportArticles(IReadOnlyList<ArticleDraft> drafts);

    /// <summary>The Knowledge page's search: the best entries for the words, with their confidence, thresholds ignored.</summary>
    Task<IReadOnlyList<Suggestion>> Search(string query);

    /// <summary>The top 3 suggestions for a visitor's question, and whether the best is confident enough to show.</summary>
    Task<SuggestionSet> Suggest(string question);

    /// <summary>
    /// A visitor wrote <paramref name="question"/> in the chat: the best suggestion's confidence becomes the session's
    /// AI confidence. One-way: the visitor's send never waits for the model.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task AssessQuestion(string sessionId, string question);

    /// <summary>
    /// Counts a confident set shown to the agent (<paramref name="choice"/> null) or what the agent did with one, for the
    /// visitor's message <paramref name="questionSeq"/> of the session: once each per agent and question, so a retried
    /// report (or the panel asking again) counts once.
    /// </summary>
    Task RecordSuggestion(string agentId, string sessionId, long questionSeq, SuggestionChoice? choice);

    /// <summary>A chat got the automatic first answer (<paramref name="handedOff"/> false) or its visitor asked for a person after it; once per chat each.</summary>
    Task RecordAutomaticAnswer(string sessionId, bool handedOff, DateTimeOffset at);

    /// <summary>Automatic answers sent and handed off, per day, newest first (at most 90 days).</summary>
    Task<IReadOnlyList<AutomaticAnswerStats>> GetAutomaticAnswerStats();

    /// <summary>Per agent and day, newest day first (at most 90 days are kept).</summary>
    Task<IReadOnlyList<SuggestionStats>> GetSuggestionStats();

    Task<IReadOnlyList<LearnedAnswer>> GetLearnedAnswers();

    /// <summary>Proposes a question and answer from a chat (scrubbed here); once per session.</summary>
    Task ProposeLearnedAnswer(string sessionId, DateTimeOffset chatDate, string question, string answer);

    Task<ChatResult<LearnedAnswer>> ApproveLearnedAnswer(string id);

    Task<ChatResult<bool>> DiscardLearnedAnswer(string id);
}
