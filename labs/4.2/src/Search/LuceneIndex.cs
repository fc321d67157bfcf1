using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Lucene.Net 4.8 over the same documents and the same analyzer: an in-memory index searched with
/// <see cref="DefaultSimilarity"/> (Lucene 4's name for ClassicSimilarity, TF-IDF) or <see cref="BM25Similarity"/>.
/// Lucene's document numbers equal the own engine's, since both add the documents in the same order.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public LuceneIndex(IEnumerable<(string Name, string Text)> documents, Analyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // Both similarities store the length norm as the same one-byte 1/√length, so one index serves both.
        var config = new IndexWriterConfig(LuceneAnalysis.Version, analyzer) { Similarity = new DefaultSimilarity(), OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var (name, text) in documents)
                writer.AddDocument(new Document { new StringField("name", name, Field.Store.YES), new TextField(LuceneAnalysis.Field, text, Field.Store.NO) });
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
    }

    public int DocumentCount => _reader.NumDocs;

    public static Similarity Classic { get; } = new DefaultSimilarity();
    public static Similarity Bm25 { get; } = new BM25Similarity();

    /// <summary>A disjunction (SHOULD clauses) of the distinct terms, ranked by the given similarity.</summary>
    public IReadOnlyList<ScoredDocument> Search(IEnumerable<string> terms, Similarity similarity, int k)
    {
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct(StringComparer.Ordinal)) query.Add(new TermQuery(new Term(LuceneAnalysis.Field, term)), Occur.SHOULD);
        return Run(query, similarity, k);
    }

    /// <summary>Documents holding every term (MUST clauses), ascending.</summary>
    public IReadOnlyList<int> And(IEnumerable<string> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms) query.Add(new TermQuery(new Term(LuceneAnalysis.Field, term)), Occur.MUST);
        return Matching(query);
    }

    /// <summary>Documents matching a PhraseQuery with the tokens at their positions, ascending.</summary>
    public IReadOnlyList<int> Phrase(IReadOnlyList<AnalyzedToken> phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var query = new PhraseQuery();
        foreach (var token in phrase) query.Add(new Term(LuceneAnalysis.Field, token.Term), token.Position - phrase[0].Position);
        return Matching(query);
    }

    private IReadOnlyList<ScoredDocument> Run(Query query, Similarity similarity, int k)
    {
        var searcher = new IndexSearcher(_reader) { Similarity = similarity };
        return searcher.Search(query, k).ScoreDocs.Select(d => new ScoredDocument(d.Doc, d.Score)).ToList();
    }

    private IReadOnlyList<int> Matching(Query query)
    {
        var searcher = new IndexSearcher(_reader);
        return searcher.Search(query, Math.Max(1, _reader.MaxDoc)).ScoreDocs.Select(d => d.Doc).Order().ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
