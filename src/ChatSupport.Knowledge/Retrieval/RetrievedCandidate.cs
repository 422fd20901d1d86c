namespace ChatSupport.Knowledge.Retrieval;

/// <summary>
/// One entry found for a question, with what each list said of it: its cosine similarity to the question, its place
/// (1-based; 0 when that list did not return it) and BM25 score in the keyword list, its place in the embedding list,
/// and the reciprocal rank fusion of both places.
/// </summary>
public sealed record RetrievedCandidate(string EntryId, float Cosine, int KeywordRank, float KeywordScore, int VectorRank, double Fused);
