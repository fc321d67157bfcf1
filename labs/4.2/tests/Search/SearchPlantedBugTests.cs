using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class SearchPlantedBugTests
{
    private static readonly TestCollection Collection = TestCollection.Shipped();

    private static double Gap(SearchEngines engines, InvertedIndex index) =>
        ClassicAgreement.Measure(index, engines.Lucene, Collection.Queries.Select(q => engines.QueryTerms(q.Text)).ToList(), 10).MaxRelativeScoreGap;

    [Fact]
    public void Forgetting_to_sum_document_gaps_is_caught_by_the_lucene_cross_check()
    {
        using var engines = SearchEngines.Build(Collection);
        Assert.True(Gap(engines, engines.Own) <= 1e-4);
        Assert.True(Gap(engines, engines.Own.WithBug(SearchBug.DocGapsNotSummed)) > 1e-2);
    }

    [Fact]
    public void Leaving_out_the_length_norm_is_caught_by_the_lucene_cross_check()
    {
        using var engines = SearchEngines.Build(Collection);
        Assert.True(Gap(engines, engines.Own.WithBug(SearchBug.LengthNormIgnored)) > 1e-2);
    }

    [Fact]
    public void A_phrase_query_that_ignores_positions_is_caught()
    {
        var index = InvertedIndex.Build(SearchFixtures.Plain("index inverted", "inverted index"));
        var phrase = SearchFixtures.Phrase("inverted", "index");
        Assert.Equal([1], BooleanSearch.Phrase(index, phrase));
        Assert.Equal([0, 1], BooleanSearch.Phrase(index.WithBug(SearchBug.PhraseIgnoresPositions), phrase));
    }
}
