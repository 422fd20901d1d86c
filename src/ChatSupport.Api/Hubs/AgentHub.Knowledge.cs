using ChatSupport.Api.Knowledge;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// The Knowledge page (articles, import, search, learned answers) and the mini chat's suggestions. Every agent may
/// manage the knowledge (all agents are System Admins, as for quick replies); each change goes to the audit log.
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>How far back GetSuggestions looks for the visitor's latest message.</summary>
    private const int SuggestionLookBack = 50;

    /// <summary>The articles, each with its body rendered as safe HTML for the page (docs/protocol.md).</summary>
    public async Task<IReadOnlyList<KnowledgeArticle>> GetArticles() =>
        (await Knowledge.GetArticles()).Select(a => a with { BodyHtml = ChatSupport.Knowledge.Retrieval.ArticleText.Html(a.Body) }).ToList();

    public async Task<KnowledgeArticle> SaveArticle(string? id, string title, string body, string[]? tags)
    {
        var saved = (await Knowledge.SaveArticle(id, new ArticleDraft { Title = title ?? "", Body = body ?? "", Tags = tags ?? [] })).OrThrow();
        await AuditAsync(id is null ? "knowledge.article.added" : "knowledge.article.edited", saved.Title);
        return saved;
    }

    public async Task DeleteArticle(string id)
    {
        var title = (await Knowledge.GetArticles()).FirstOrDefault(a => a.Id == id)?.Title;
        (await Knowledge.DeleteArticle(id)).OrThrow();
        await AuditAsync("knowledge.article.deleted", title ?? id);
    }

    /// <summary>Imports a JSON or CSV file's articles, all or none; a bad row is invalid_input naming its line.</summary>
    public async Task<int> ImportArticles(string format, string content)
    {
        var drafts = ArticleImport.Read(format, content).OrThrow();
        var imported = (await Knowledge.ImportArticles(drafts)).OrThrow();
        await AuditAsync("knowledge.articles.imported", $"{imported} articles ({format})");
        return imported;
    }

    public Task<IReadOnlyList<Suggestion>> SearchKnowledge(string query)
    {
        if ((query ?? "").Length > KnowledgeLimits.QuestionMaxLength)
            HubResults.ThrowIf(ChatErrors.InvalidInput($"A search is at most {KnowledgeLimits.QuestionMaxLength} characters."));
        return Knowledge.Search(query ?? "");
    }

    /// <summary>The suggestions for the visitor's latest message in the chat (none when the visitor has not written yet).</summary>
    public async Task<SuggestionSet> GetSuggestions(string sessionId)
    {
        var (questionSeq, question) = await LatestQuestionAsync(sessionId);
        var set = await Knowledge.Suggest(question);
        if (!set.Confident) return set;
        await Knowledge.RecordSuggestion(Me.Caller.Id, sessionId, questionSeq, null);
        // With a model configured: one reply written from the confident suggestions (null on failure or timeout).
        var confident = set.Suggestions.Where(s => s.Confidence >= set.Threshold).ToList();
        var draft = await grains.GetGrain<IReplyDraftGrain>(0).Draft(question, confident);
        return draft is null ? set : set with { Draft = draft };
    }

    /// <summary>What the agent did with the suggestions shown for the chat's latest question: used as is, edited, or ignored.</summary>
    public async Task RecordSuggestionChoice(string sessionId, SuggestionChoice choice)
    {
        if (!Enum.IsDefined(choice)) HubResults.ThrowIf(ChatErrors.InvalidInput("A choice is used, edited or ignored."));
        var (questionSeq, _) = await LatestQuestionAsync(sessionId);
        await Knowledge.RecordSuggestion(Me.Caller.Id, sessionId, questionSeq, choice);
    }

    /// <summary>The visitor's latest message (its number and text) among the chat's last messages; (0, "") when there is none.</summary>
    private async Task<(long Seq, string Text)> LatestQuestionAsync(string sessionId)
    {
        var session = await sessions.SnapshotAsync(Me, sessionId);
        var page = await sessions.HistoryAsync(Me, sessionId, Math.Max(0, session.LastSeq - SuggestionLookBack), SuggestionLookBack);
        return page.Messages.LastOrDefault(m => m.Sender == ChatParty.Visitor) is { } latest ? (latest.Seq, latest.Text) : (0, "");
    }

    /// <summary>Automatic first answers sent and handed off to a person, per day (the last 90 days).</summary>
    public Task<IReadOnlyList<AutomaticAnswerStats>> GetAutomaticAnswerStats() => Knowledge.GetAutomaticAnswerStats();

    /// <summary>Suggestions shown, used, edited and ignored, per agent and day (the last 90 days).</summary>
    public Task<IReadOnlyList<SuggestionStats>> GetSuggestionStats() => Knowledge.GetSuggestionStats();

    public Task<IReadOnlyList<LearnedAnswer>> GetLearnedAnswers() => Knowledge.GetLearnedAnswers();

    public async Task<LearnedAnswer> ApproveLearnedAnswer(string id)
    {
        var approved = (await Knowledge.ApproveLearnedAnswer(id)).OrThrow();
        await AuditAsync("knowledge.learned_answer.approved", approved.Question);
        return approved;
    }

    /// <summary>
    /// "Good answer": the agent proposes the chat's question and their answer as a learned answer, as a 4–5 star rating
    /// does (the same candidate, keyed by the chat, so marking and rating it make one). An admin still approves it.
    /// </summary>
    public async Task MarkGoodAnswer(string sessionId)
    {
        var session = await sessions.SnapshotAsync(Me, sessionId);
        var messages = new List<ChatMessage>();
        for (long after = 0; ;)
        {
            var page = await sessions.HistoryAsync(Me, sessionId, after, ChatLimits.HistoryPageMax);
            messages.AddRange(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0) break;
            after = page.Messages[^1].Seq;
        }
        if (ChatSupport.Grains.Knowledge.LearnedAnswerEventConsumer.QuestionAndAnswer(messages) is not var (question, answer))
            HubResults.ThrowIf(ChatErrors.InvalidInput("This chat has no visitor question answered by an agent yet."));
        else
        {
            await Knowledge.ProposeLearnedAnswer(session.SessionId, session.ResolvedAt ?? DateTimeOffset.UtcNow, question, answer);
            await AuditAsync("knowledge.learned_answer.marked", session.SessionId);
        }
    }

    public async Task DiscardLearnedAnswer(string id)
    {
        (await Knowledge.DiscardLearnedAnswer(id)).OrThrow();
        await AuditAsync("knowledge.learned_answer.discarded", id);
    }

    private IKnowledgeGrain Knowledge => grains.GetGrain<IKnowledgeGrain>(Me.TenantId);

    /// <summary>The shared audit log's entry for a change of the knowledge (area "knowledge"; titles, never bodies).</summary>
    private Task AuditAsync(string action, string target) =>
        grains.GetGrain<ChatSupport.Contracts.Audit.IAuditLogGrain>(Me.TenantId)
            .Record(new ChatSupport.Contracts.Audit.AuditEntry(DateTimeOffset.UtcNow, Me.Caller.Id, "knowledge", action, target, null, null));
}
