using Lucene.Net.Analysis;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// One document collection in both engines: analyzed once by <see cref="LuceneAnalysis"/>, indexed by the own
/// <see cref="InvertedIndex"/> from those tokens and by Lucene from the same text with the same analyzer.
/// Document numbers agree between the two.
/// </summary>
public sealed class SearchEngines : IDisposable
{
    private SearchEngines(Analyzer analyzer, IReadOnlyList<AnalyzedDocument> documents, InvertedIndex own, LuceneIndex lucene, TimeSpan ownBuild, TimeSpan luceneBuild)
    {
        Analyzer = analyzer;
        Documents = documents;
        Own = own;
        Lucene = lucene;
        OwnBuildTime = ownBuild;
        LuceneBuildTime = luceneBuild;
    }

    public Analyzer Analyzer { get; }
    public IReadOnlyList<AnalyzedDocument> Documents { get; }
    public InvertedIndex Own { get; }
    public LuceneIndex Lucene { get; }
    public TimeSpan OwnBuildTime { get; }
    public TimeSpan LuceneBuildTime { get; }

    public static SearchEngines Build(IReadOnlyList<(string Name, string Text)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var analyzer = LuceneAnalysis.CreateAnalyzer();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var analyzed = documents.Select(d => LuceneAnalysis.Analyze(analyzer, d.Name, d.Text)).ToList();
        var own = InvertedIndex.Build(analyzed);
        var ownTime = watch.Elapsed;
        watch.Restart();
        var lucene = new LuceneIndex(documents, analyzer);
        return new SearchEngines(analyzer, analyzed, own, lucene, ownTime, watch.Elapsed);
    }

    public static SearchEngines Build(TestCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return Build(collection.Documents.Select(d => (d.Id, d.Indexed)).ToList());
    }

    public IReadOnlyList<string> QueryTerms(string text) => LuceneAnalysis.Tokenize(Analyzer, text).Select(t => t.Term).ToList();

    public void Dispose()
    {
        Lucene.Dispose();
        Analyzer.Dispose();
    }
}
