using ChatSupport.Knowledge.Retrieval;

namespace ChatSupport.Knowledge.Calibration;

/// <summary>
/// What the confidence of a candidate is computed from, per retrieval mode: how similar it is to the question, by how
/// much it beats the other candidates, and where each list placed it. A margin matters as much as the similarity: a
/// question near two different articles is less surely answered by either.
/// </summary>
public static class ConfidenceFeatures
{
    public static double[] Of(RetrievedCandidate c, IReadOnlyList<RetrievedCandidate> all, RetrievalMode mode)
    {
        var keyword = Saturate(c.KeywordScore);
        return mode switch
        {
            RetrievalMode.KeywordsOnly => [keyword, keyword - BestOther(c, all, o => Saturate(o.KeywordScore)), Reciprocal(c.KeywordRank)],
            RetrievalMode.EmbeddingsOnly => [c.Cosine, c.Cosine - BestOther(c, all, o => o.Cosine), Reciprocal(c.VectorRank)],
            _ =>
            [
                c.Cosine, c.Cosine - BestOther(c, all, o => o.Cosine),
                keyword, Reciprocal(c.KeywordRank), Reciprocal(c.VectorRank),
            ],
        };
    }

    /// <summary>BM25 scores have no upper bound and vary with the question's length: s / (s + 5) keeps them in [0, 1).</summary>
    private static double Saturate(float score) => score / (score + 5.0);

    private static double Reciprocal(int rank) => rank == 0 ? 0 : 1.0 / rank;

    private static double BestOther(RetrievedCandidate c, IReadOnlyList<RetrievedCandidate> all, Func<RetrievedCandidate, double> value)
    {
        var best = 0.0;
        foreach (var o in all)
            if (!ReferenceEquals(o, c) && value(o) > best) best = value(o);
        return best;
    }
}
