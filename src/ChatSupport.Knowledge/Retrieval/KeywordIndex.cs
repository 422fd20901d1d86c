using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ChatSupport.Knowledge.Retrieval;

/// <summary>
/// BM25 keyword search (Lucene.Net) over entries' titles and texts, in memory: the knowledge grain rebuilds it from its
/// table on activation, so nothing of Lucene is ever on disk. English stemming and stop words; a title match weighs twice.
/// </summary>
public sealed class KeywordIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const float TitleBoost = 2f;

#pragma warning disable CS0618 // RAMDirectory: Lucene 4.8's only heap directory; an index of a tenant's knowledge is small.
    private readonly RAMDirectory _directory = new();
#pragma warning restore CS0618
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public KeywordIndex()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() });
        _searchers = new SearcherManager(_writer, true, new Bm25Searchers());
    }

    /// <summary>Adds or replaces an entry; <paramref name="refresh"/> false when many follow (call <see cref="Refresh"/> after).</summary>
    public void Upsert(string id, string title, string text, bool refresh = true)
    {
        var doc = new Document
        {
            new StringField("id", id, Field.Store.YES),
            new TextField("title", title, Field.Store.NO),
            new TextField("text", text, Field.Store.NO),
        };
        _writer.UpdateDocument(new Term("id", id), doc);
        if (refresh) Refresh();
    }

    public void Remove(string id)
    {
        _writer.DeleteDocuments(new Term("id", id));
        Refresh();
    }

    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>The best <paramref name="count"/> entries for the question's words, best first, with their BM25 scores.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string question, int count)
    {
        var terms = Terms(question);
        if (terms.Count == 0) return [];
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            query.Add(new TermQuery(new Term("title", term)) { Boost = TitleBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
        }
        var searcher = _searchers.Acquire();
        try
        {
            return searcher.Search(query, count).ScoreDocs
                .Select(hit => (searcher.Doc(hit.Doc).Get("id"), hit.Score))
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The question's words as the index holds them (lower case, stemmed, without stop words); no query syntax.</summary>
    private List<string> Terms(string question)
    {
        var terms = new List<string>();
        using var tokens = _analyzer.GetTokenStream("text", new StringReader(question));
        var term = tokens.AddAttribute<ICharTermAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken()) terms.Add(term.ToString());
        tokens.End();
        return terms;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
