namespace ChatSupport.Knowledge.Retrieval;

/// <summary>The product uses <see cref="Hybrid"/>; the other two are the baselines the evaluation measures it against.</summary>
public enum RetrievalMode
{
    Hybrid,
    KeywordsOnly,
    EmbeddingsOnly,
}
