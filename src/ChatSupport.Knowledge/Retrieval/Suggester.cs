using ChatSupport.Knowledge.Calibration;
using ChatSupport.Knowledge.Embeddings;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>A candidate with its calibrated confidence (0–1): the probability that it answers the question.</summary>
public sealed record ScoredCandidate(RetrievedCandidate Candidate, double Confidence);

/// <summary>
/// A question's suggestions: embed it, retrieve a few more candidates than shown, score each with the calibrated
/// model and keep the most probable. The question is searched with its glossary English (<see cref="ShopGlossary"/>);
/// a caller passing <c>questionVector</c> embeds <see cref="ShopGlossary.Expand"/> of it. Reordering by confidence lets the margins correct the fusion's order.
/// </summary>
public static class Suggester
{
    /// <summary>How many fused candidates are scored for the three shown.</summary>
    private const int Pool = 10;

    public static IReadOnlyList<ScoredCandidate> Suggest(
        KnowledgeIndex index, string question, int count, RetrievalMode mode = RetrievalMode.Hybrid,
        ConfidenceModel? model = null, float[]? questionVector = null)
    {
        model ??= ConfidenceModel.Committed[mode];
        var searched = ShopGlossary.Expand(question);
        if (mode != RetrievalMode.KeywordsOnly) questionVector ??= SentenceEmbedder.Shared.Embed(searched);
        var candidates = index.Retrieve(searched, questionVector, Pool, mode);
        return candidates
            .Select(c => new ScoredCandidate(c, model.Confidence(c, candidates)))
            .OrderByDescending(s => s.Confidence)
            .ThenBy(s => s.Candidate.EntryId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }
}
