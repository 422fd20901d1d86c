using ChatSupport.Knowledge.Embeddings;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>
/// A tenant's knowledge in memory: the BM25 index and the embeddings of the same entries, searched together and merged
/// by reciprocal rank fusion (each list contributes 1 / (60 + place), the constant of Cormack et al., 2009).
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    /// <summary>How deep each list is read before fusing: deep enough that an entry second in one list and 40th in the other still counts.</summary>
    private const int ListDepth = 50;
    private const int FusionConstant = 60;

    private readonly KeywordIndex _keywords = new();
    private readonly VectorIndex _vectors = new();

    public int Count => _vectors.Count;

    /// <summary>Adds or replaces an entry; its vectors are <see cref="SentenceEmbedder"/>'s of <see cref="EmbeddingTexts"/>.</summary>
    public void Upsert(string id, string title, string text, float[][] vectors, bool refresh = true)
    {
        if (vectors.Length == 0 || vectors.Any(v => v.Length != SentenceEmbedder.Dimensions))
            throw new ArgumentException($"An entry has one or more embeddings of {SentenceEmbedder.Dimensions} dimensions.", nameof(vectors));
        _keywords.Upsert(id, title, text, refresh);
        _vectors.Upsert(id, vectors);
    }

    public void Remove(string id)
    {
        _keywords.Remove(id);
        _vectors.Remove(id);
    }

    /// <summary>Makes entries upserted with <c>refresh: false</c> searchable.</summary>
    public void Refresh() => _keywords.Refresh();

    /// <summary>What is embedded for an entry: its title alone, and its title with the start of its text (the model reads about 200 words).</summary>
    public static string[] EmbeddingTexts(string title, string text) => [title, $"{title}. {text}"];

    /// <summary>
    /// The best <paramref name="count"/> entries for the question, by fused rank (or by one list's rank for a baseline).
    /// <paramref name="queryVector"/> is the question's embedding; the keywords-only baseline needs none.
    /// </summary>
    public IReadOnlyList<RetrievedCandidate> Retrieve(string question, float[]? queryVector, int count, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        var keywordHits = mode == RetrievalMode.EmbeddingsOnly ? [] : _keywords.Search(question, ListDepth);
        var vectorHits = mode == RetrievalMode.KeywordsOnly || queryVector is null ? [] : _vectors.Search(queryVector, ListDepth);

        var found = new Dictionary<string, (int KeywordRank, float KeywordScore, int VectorRank, float Cosine)>(StringComparer.Ordinal);
        for (var i = 0; i < keywordHits.Count; i++) found[keywordHits[i].Id] = (i + 1, keywordHits[i].Score, 0, 0f);
        for (var i = 0; i < vectorHits.Count; i++)
        {
            var (id, cosine) = vectorHits[i];
            found[id] = found.TryGetValue(id, out var k) ? k with { VectorRank = i + 1, Cosine = cosine } : (0, 0f, i + 1, cosine);
        }
        return found
            .Select(f =>
            {
                var (keywordRank, keywordScore, vectorRank, cosine) = f.Value;
                // An entry only the keywords found still gets its similarity: the confidence needs it for every candidate.
                if (vectorRank == 0 && queryVector is not null) cosine = _vectors.Similarity(f.Key, queryVector) ?? 0f;
                return new RetrievedCandidate(f.Key, cosine, keywordRank, keywordScore, vectorRank, Fuse(keywordRank) + Fuse(vectorRank));
            })
            .OrderByDescending(c => c.Fused)
            .ThenBy(c => c.EntryId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private static double Fuse(int rank) => rank == 0 ? 0 : 1.0 / (FusionConstant + rank);

    public void Dispose() => _keywords.Dispose();
}
