using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class InvertedIndexTests
{
    [Fact]
    public void Each_term_lists_its_documents_in_order_with_their_positions()
    {
        var index = InvertedIndex.Build(SearchFixtures.Plain("a b a c", "c c", "b d a"));
        Assert.Equal(3, index.DocumentCount);
        Assert.Equal(["a", "b", "c", "d"], index.Terms);
        var a = index.Postings("a");
        Assert.Equal([0, 2], a.Select(p => p.Doc));
        Assert.Equal([0, 2], a[0].Positions);
        Assert.Equal([2], a[1].Positions);
        Assert.Equal([0, 1], index.Postings("c").Select(p => p.Doc));
        Assert.Equal([0, 1], index.Postings("c")[1].Positions);
        Assert.Equal(2, index.DocumentFrequency("b"));
        Assert.Equal(0, index.DocumentFrequency("zzz"));
        Assert.Empty(index.Postings("zzz"));
        Assert.Equal([4, 2, 3], Enumerable.Range(0, 3).Select(index.Length));
    }

    [Fact]
    public void The_analyzer_stems_drops_stop_words_and_leaves_their_position_gaps()
    {
        using var analyzer = LuceneAnalysis.CreateAnalyzer();
        var tokens = LuceneAnalysis.Tokenize(analyzer, "The indexes of the Engines");
        Assert.Equal([new AnalyzedToken("index", 1), new AnalyzedToken("engin", 4)], tokens);
        var index = InvertedIndex.Build([new AnalyzedDocument("x", tokens)]);
        Assert.Equal([1], index.Postings("index")[0].Positions);
        Assert.Equal(2, index.Length(0));
    }

    [Fact]
    public void Compressed_postings_are_smaller_than_32_bit_integers()
    {
        var corpus = ZipfCorpus.Generate(300, 60, 2_000, 1.1, 5);
        using var engines = SearchEngines.Build(corpus);
        Assert.True(engines.Own.CompressedBytes < engines.Own.UncompressedBytes / 2,
            $"{engines.Own.CompressedBytes} compressed bytes against {engines.Own.UncompressedBytes} as ints");
        Assert.Equal(engines.Documents.Sum(d => d.Tokens.Count), engines.Own.PositionCount);
    }
}
