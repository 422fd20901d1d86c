using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
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
/// Typos: every entry also has its words unstemmed and accent-folded ("plain"), which the question's words of four letters
/// or more match within one edit ("adress", "chnage"), at a lower weight than an exact match. Stemming first would hide
/// the typo ("chnage" stays "chnage" while "change" becomes "chang": two edits apart).
/// </summary>
public sealed class KeywordIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const float TitleBoost = 2f;
    private const float TypoBoost = 0.5f;
    private const int TypoMinLength = 4;

#pragma warning disable CS0618 // RAMDirectory: Lucene 4.8's only heap directory; an index of a tenant's knowledge is small.
    private readonly RAMDirectory _directory = new();
#pragma warning restore CS0618
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly Analyzer _plain = PlainAnalyzer();
    private readonly Analyzer _fields;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public KeywordIndex()
    {
        _fields = new PerFieldAnalyzerWrapper(_analyzer, new Dictionary<string, Analyzer> { ["plain"] = _plain });
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _fields) { Similarity = new BM25Similarity() });
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
            new TextField("plain", title + "\n" + text, Field.Store.NO),
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
        var terms = Terms(_analyzer, question);
        var plain = Terms(_plain, question).Where(t => t.Length >= TypoMinLength).Distinct().ToList();
        if (terms.Count == 0 && plain.Count == 0) return [];
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct())
        {
            query.Add(new TermQuery(new Term("title", term)) { Boost = TitleBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
        }
        // One edit, the first letter kept (typos rarely start a word, and it keeps the term scan short); a swap of two letters is one edit.
        foreach (var term in plain)
            query.Add(new FuzzyQuery(new Term("plain", term), 1, 1, 20, true) { Boost = TypoBoost }, Occur.SHOULD);
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
    private static List<string> Terms(Analyzer analyzer, string question)
    {
        var terms = new List<string>();
        using var tokens = analyzer.GetTokenStream("text", new StringReader(question));
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
        _fields.Dispose();
        _plain.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>Words as written, lower case and without accents or English stop words: what a typo is measured against.</summary>
    private static Analyzer PlainAnalyzer() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(source, stream);
    });

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
