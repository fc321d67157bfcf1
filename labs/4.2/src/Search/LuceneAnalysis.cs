using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// The one analyzer both engines share: Lucene's EnglishAnalyzer (standard tokenizer, lower case, English stop words,
/// Porter stemming). Text is analyzed once; the own engine indexes exactly the tokens Lucene indexes.
/// </summary>
public static class LuceneAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
    public const string Field = "body";

    public static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    /// <summary>The analyzer's terms with their positions; a removed stop word leaves a gap in the positions.</summary>
    public static IReadOnlyList<AnalyzedToken> Tokenize(Analyzer analyzer, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(Field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    public static AnalyzedDocument Analyze(Analyzer analyzer, string name, string text) => new(name, Tokenize(analyzer, text));
}
