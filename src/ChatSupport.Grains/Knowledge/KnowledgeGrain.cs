using Azure.Data.Tables;
using ChatSupport.Contracts;
using ChatSupport.Contracts.Knowledge;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Grains.Storage;
using ChatSupport.Knowledge.Embeddings;
using ChatSupport.Knowledge.Privacy;
using ChatSupport.Knowledge.Retrieval;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Grains.Knowledge;

/// <summary>
/// A tenant's knowledge: the articles and learned answers in the Knowledge table (the truth, with their embeddings),
/// and in memory the BM25 index and the vectors of the articles and the approved answers, rebuilt from that table on
/// activation. Every change is stored before memory changes, so a failed write changes nothing. The model runs on the
/// thread pool (Task.Run): a 20–250 ms embedding must not hold the silo's scheduler thread.
/// </summary>
public sealed class KnowledgeGrain(ChatTables tables, TimeProvider clock, ILogger<KnowledgeGrain> logger) : Grain, IKnowledgeGrain
{
    /// <summary>Under this the panel says "No confident suggestion" (the issue's default; settings may move it later).</summary>
    public const double SuggestThreshold = 0.5;
    private const int Shown = 3;
    private const int SearchResults = 5;

    private readonly Dictionary<string, KnowledgeArticle> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LearnedAnswer Answer, float[][] Vectors)> _learned = new(StringComparer.Ordinal);
    private readonly KnowledgeIndex _index = new();
    private readonly Dictionary<(DateOnly Day, string Agent), (SuggestionStats Stats, HashSet<string> Counted)> _stats = new();
    private readonly Dictionary<DateOnly, (AutomaticAnswerStats Stats, HashSet<string> Counted)> _automatic = new();
    private const int StatsDaysKept = 90;
    private string _tenantId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = this.GetPrimaryKeyString();
        var table = await tables.Knowledge;
        var unembedded = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == _tenantId, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(KnowledgeRows.StatsPrefix, StringComparison.Ordinal))
            {
                var stats = KnowledgeRows.Stats(row);
                _stats[(stats.Day, stats.AgentId)] = (stats, KnowledgeRows.Counted(row));
                continue;
            }
            if (row.RowKey.StartsWith(KnowledgeRows.AutomaticPrefix, StringComparison.Ordinal))
            {
                var automatic = KnowledgeRows.Automatic(row);
                _automatic[automatic.Day] = (automatic, KnowledgeRows.Counted(row));
                continue;
            }
            var vectors = KnowledgeRows.Vectors(row, SentenceEmbedder.Dimensions);
            if (vectors.Length == 0) unembedded.Add(row);
            else Load(row, vectors);
        }
        // Rows written without vectors (by hand, or by an older version) get them now, in memory; the next save stores them.
        foreach (var row in unembedded)
        {
            var (title, text) = row.RowKey.StartsWith(KnowledgeRows.ArticlePrefix, StringComparison.Ordinal)
                ? (row.GetString("Title") ?? "", ArticleText.Plain(row.GetString("Body") ?? ""))
                : (row.GetString("Question") ?? "", row.GetString("Answer") ?? "");
            Load(row, await EmbedAsync(title, text));
        }
        _index.Refresh();
        logger.LogInformation("Knowledge of tenant {Tenant}: {Articles} articles, {Learned} learned answers, {Indexed} indexed",
            _tenantId, _articles.Count, _learned.Count, _index.Count);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _index.Dispose();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<KnowledgeArticle>> GetArticles() =>
        Task.FromResult<IReadOnlyList<KnowledgeArticle>>(_articles.Values.OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase).ToList());

    public async Task<ChatResult<KnowledgeArticle>> SaveArticle(string? id, ArticleDraft draft)
    {
        if (Checked(draft) is not { } clean) return ChatErrors.InvalidInput(KnowledgeLimits.Check(draft) ?? "An article needs a title and a body.");
        if (id is not null && (ChatInput.CheckId(id, "id") is not null || !_articles.ContainsKey(id))) return ChatErrors.InvalidInput("No article has that id.");
        if (id is null && _articles.Count >= KnowledgeLimits.ArticlesMax)
            return ChatErrors.InvalidInput($"A team can keep at most {KnowledgeLimits.ArticlesMax:N0} articles.");

        var article = new KnowledgeArticle { Id = id ?? GrainKeys.NewId(), Title = clean.Title, Body = clean.Body, Tags = clean.Tags, UpdatedAt = clock.GetUtcNow() };
        var vectors = await EmbedAsync(article.Title, ArticleText.Plain(article.Body));
        await (await tables.Knowledge).UpsertEntityAsync(KnowledgeRows.Of(_tenantId, article, vectors), TableUpdateMode.Replace);
        Index(article, vectors);
        return article;
    }

    public async Task<ChatResult<bool>> DeleteArticle(string id)
    {
        if (ChatInput.CheckId(id, "id") is not null || !_articles.ContainsKey(id)) return ChatErrors.InvalidInput("No article has that id.");
        await (await tables.Knowledge).DeleteEntityAsync(_tenantId, KnowledgeRows.ArticlePrefix + id);
        _articles.Remove(id);
        _index.Remove(ArticleKey(id));
        return true;
    }

    public async Task<ChatResult<int>> ImportArticles(IReadOnlyList<ArticleDraft> drafts)
    {
        if (drafts.Count is 0 or > KnowledgeLimits.ImportMax) return ChatErrors.InvalidInput($"An import holds 1 to {KnowledgeLimits.ImportMax} articles.");
        if (_articles.Count + drafts.Count > KnowledgeLimits.ArticlesMax)
            return ChatErrors.InvalidInput($"A team can keep at most {KnowledgeLimits.ArticlesMax:N0} articles.");
        var clean = new List<ArticleDraft>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            if (Checked(drafts[i]) is not { } ok) return ChatErrors.InvalidInput($"Article {i + 1}: {KnowledgeLimits.Check(drafts[i])}");
            clean.Add(ok);
        }

        var now = clock.GetUtcNow();
        var articles = clean.Select(d => new KnowledgeArticle { Id = GrainKeys.NewId(), Title = d.Title, Body = d.Body, Tags = d.Tags, UpdatedAt = now }).ToList();
        var vectors = await Task.Run(() => SentenceEmbedder.Shared.Embed(
            articles.SelectMany(a => KnowledgeIndex.EmbeddingTexts(a.Title, ArticleText.Plain(a.Body))).ToList()));
        var perArticle = vectors.Chunk(2).Select(c => c.ToArray()).ToList();
        // One transaction: the table stores every row or none, so a failure leaves no half-import behind.
        await (await tables.Knowledge).SubmitTransactionAsync(articles.Select((a, i) =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, KnowledgeRows.Of(_tenantId, a, perArticle[i]))));
        for (var i = 0; i < articles.Count; i++) Index(articles[i], perArticle[i], refresh: false);
        _index.Refresh();
        return articles.Count;
    }

    public async Task<IReadOnlyList<Suggestion>> Search(string query)
    {
        query = (query ?? "").Trim();
        if (query.Length is 0 or > KnowledgeLimits.QuestionMaxLength || _index.Count == 0) return [];
        return await SuggestionsAsync(query, SearchResults);
    }

    public async Task<SuggestionSet> Suggest(string question)
    {
        question = (question ?? "").Trim();
        var suggestions = question.Length is 0 || _index.Count == 0 ? [] : await SuggestionsAsync(Cut(question), Shown);
        var best = suggestions.Count == 0 ? (double?)null : suggestions[0].Confidence;
        return new SuggestionSet
        {
            Question = question,
            Suggestions = suggestions,
            BestConfidence = best,
            Confident = best >= SuggestThreshold,
            Threshold = SuggestThreshold,
        };
    }

    public async Task AssessQuestion(string sessionId, string question)
    {
        try
        {
            var set = await Suggest(question);
            var session = GrainFactory.GetGrain<IChatSessionGrain>(GrainKeys.Compose(_tenantId, sessionId));
            await session.RecordAiConfidence(set.BestConfidence);
            // The session decides (the setting, its threshold, whether the chat still waits, once per chat).
            if (set.Confident) await session.OfferAutomaticAnswer(set.Suggestions[0]);
        }
        catch (Exception e)
        {
            // A one-way call has nobody to tell: the confidence stays as it was until the visitor's next message.
            logger.LogWarning("AI confidence of session {Session} not assessed: {Reason}", sessionId, e.Message);
        }
    }

    public async Task RecordSuggestion(string agentId, string sessionId, long questionSeq, SuggestionChoice? choice)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (before, counted) = _stats.GetValueOrDefault((day, agentId));
        before ??= new SuggestionStats { Day = day, AgentId = agentId };
        counted ??= new HashSet<string>(StringComparer.Ordinal);
        // One "shown" and one choice per agent and question: the first choice reported is the one counted.
        var key = $"{sessionId}:{questionSeq}:{(choice is null ? "shown" : "choice")}";
        if (counted.Contains(key)) return;
        var after = choice switch
        {
            null => before with { Shown = before.Shown + 1 },
            SuggestionChoice.Used => before with { Used = before.Used + 1 },
            SuggestionChoice.Edited => before with { Edited = before.Edited + 1 },
            _ => before with { Ignored = before.Ignored + 1 },
        };
        var keys = new HashSet<string>(counted, StringComparer.Ordinal) { key };
        await (await tables.Knowledge).UpsertEntityAsync(KnowledgeRows.Of(_tenantId, after, keys), TableUpdateMode.Replace);
        _stats[(day, agentId)] = (after, keys);
    }

    public Task<IReadOnlyList<SuggestionStats>> GetSuggestionStats()
    {
        var oldest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-StatsDaysKept);
        return Task.FromResult<IReadOnlyList<SuggestionStats>>(_stats.Values.Select(s => s.Stats).Where(s => s.Day >= oldest)
            .OrderByDescending(s => s.Day).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToList());
    }

    public async Task RecordAutomaticAnswer(string sessionId, bool handedOff, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var (before, counted) = _automatic.GetValueOrDefault(day);
        before ??= new AutomaticAnswerStats { Day = day };
        counted ??= new HashSet<string>(StringComparer.Ordinal);
        // The events are delivered at least once: each chat counts once as sent and once as handed off.
        var key = $"{sessionId}:{(handedOff ? "hand-off" : "sent")}";
        if (counted.Contains(key)) return;
        var after = handedOff ? before with { HandedOff = before.HandedOff + 1 } : before with { Sent = before.Sent + 1 };
        var keys = new HashSet<string>(counted, StringComparer.Ordinal) { key };
        await (await tables.Knowledge).UpsertEntityAsync(KnowledgeRows.Of(_tenantId, after, keys), TableUpdateMode.Replace);
        _automatic[day] = (after, keys);
    }

    public Task<IReadOnlyList<AutomaticAnswerStats>> GetAutomaticAnswerStats()
    {
        var oldest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-StatsDaysKept);
        return Task.FromResult<IReadOnlyList<AutomaticAnswerStats>>(_automatic.Values.Select(a => a.Stats).Where(a => a.Day >= oldest)
            .OrderByDescending(a => a.Day).ToList());
    }

    public Task<IReadOnlyList<LearnedAnswer>> GetLearnedAnswers() =>
        Task.FromResult<IReadOnlyList<LearnedAnswer>>(_learned.Values.Select(l => l.Answer).OrderByDescending(l => l.ChatDate).ToList());

    public async Task ProposeLearnedAnswer(string sessionId, DateTimeOffset chatDate, string question, string answer)
    {
        // One candidate per chat, keyed by its session: a redelivered event proposes nothing twice (a chat is rated once).
        if (_learned.ContainsKey(sessionId) || ChatInput.CheckId(sessionId, "sessionId") is not null) return;
        question = Cut(PersonalDataScrubber.Scrub(question.Trim()));
        answer = Cut(PersonalDataScrubber.Scrub(answer.Trim()));
        if (question.Length == 0 || answer.Length == 0) return;
        var learned = new LearnedAnswer
        {
            Id = sessionId, Question = question, Answer = answer, SessionId = sessionId, ChatDate = chatDate, Status = LearnedAnswerStatus.Candidate,
        };
        var vectors = await EmbedAsync(question, answer);
        await (await tables.Knowledge).UpsertEntityAsync(KnowledgeRows.Of(_tenantId, learned, vectors), TableUpdateMode.Replace);
        _learned[learned.Id] = (learned, vectors);
    }

    public async Task<ChatResult<LearnedAnswer>> ApproveLearnedAnswer(string id)
    {
        if (ChatInput.CheckId(id, "id") is not null || !_learned.TryGetValue(id, out var found)) return ChatErrors.InvalidInput("No learned answer has that id.");
        var approved = found.Answer with { Status = LearnedAnswerStatus.Approved };
        await (await tables.Knowledge).UpsertEntityAsync(KnowledgeRows.Of(_tenantId, approved, found.Vectors), TableUpdateMode.Replace);
        _learned[id] = (approved, found.Vectors);
        _index.Upsert(LearnedKey(id), approved.Question, approved.Answer, found.Vectors);
        return approved;
    }

    public async Task<ChatResult<bool>> DiscardLearnedAnswer(string id)
    {
        if (ChatInput.CheckId(id, "id") is not null || !_learned.ContainsKey(id)) return ChatErrors.InvalidInput("No learned answer has that id.");
        await (await tables.Knowledge).DeleteEntityAsync(_tenantId, KnowledgeRows.LearnedPrefix + id);
        _learned.Remove(id);
        _index.Remove(LearnedKey(id));
        return true;
    }

    private async Task<IReadOnlyList<Suggestion>> SuggestionsAsync(string question, int count)
    {
        var vector = await Task.Run(() => SentenceEmbedder.Shared.Embed(ShopGlossary.Expand(question)));
        return Suggester.Suggest(_index, question, count, questionVector: vector)
            .Select(s => ToSuggestion(s.Candidate.EntryId, s.Confidence))
            .OfType<Suggestion>()
            .ToList();
    }

    private Suggestion? ToSuggestion(string key, double confidence)
    {
        var id = key[2..];
        if (key.StartsWith("a:", StringComparison.Ordinal) && _articles.TryGetValue(id, out var article))
            return new Suggestion
            {
                EntryId = id, SourceKind = SuggestionSourceKind.Article, Source = article.Title,
                Text = Cut(ArticleText.Plain(article.Body)), Confidence = Math.Round(confidence, 3),
            };
        if (_learned.TryGetValue(id, out var learned))
            return new Suggestion
            {
                EntryId = id, SourceKind = SuggestionSourceKind.LearnedAnswer, Source = $"answer from chat of {learned.Answer.ChatDate:yyyy-MM-dd}",
                Text = learned.Answer.Answer, Confidence = Math.Round(confidence, 3),
            };
        return null;
    }

    private void Load(TableEntity row, float[][] vectors)
    {
        if (row.RowKey.StartsWith(KnowledgeRows.ArticlePrefix, StringComparison.Ordinal)) Index(KnowledgeRows.Article(row), vectors, refresh: false);
        else if (row.RowKey.StartsWith(KnowledgeRows.LearnedPrefix, StringComparison.Ordinal))
        {
            var learned = KnowledgeRows.Learned(row);
            _learned[learned.Id] = (learned, vectors);
            if (learned.Status == LearnedAnswerStatus.Approved) _index.Upsert(LearnedKey(learned.Id), learned.Question, learned.Answer, vectors, refresh: false);
        }
    }

    private void Index(KnowledgeArticle article, float[][] vectors, bool refresh = true)
    {
        _articles[article.Id] = article;
        _index.Upsert(ArticleKey(article.Id), article.Title, ArticleText.Plain(article.Body), vectors, refresh);
    }

    private static Task<float[][]> EmbedAsync(string title, string text) =>
        Task.Run(() => SentenceEmbedder.Shared.Embed(KnowledgeIndex.EmbeddingTexts(title, text)).ToArray());

    /// <summary>The draft trimmed, or null when <see cref="KnowledgeLimits.Check"/> refuses it.</summary>
    private static ArticleDraft? Checked(ArticleDraft? draft)
    {
        if (draft is null) return null;
        var clean = new ArticleDraft
        {
            Title = (draft.Title ?? "").Trim(),
            Body = draft.Body ?? "",
            Tags = (draft.Tags ?? []).Select(t => (t ?? "").Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
        return KnowledgeLimits.Check(clean) is null ? clean : null;
    }

    private static string Cut(string text) => text.Length <= ChatLimits.MessageMaxLength ? text : text[..(ChatLimits.MessageMaxLength - 1)] + "…";
    private static string ArticleKey(string id) => "a:" + id;
    private static string LearnedKey(string id) => "l:" + id;
}
