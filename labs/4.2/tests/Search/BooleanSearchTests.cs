using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class BooleanSearchTests
{
    private static readonly InvertedIndex Index = InvertedIndex.Build(SearchFixtures.Plain(
        "inverted index of terms", "index inverted by hand", "an inverted list and an index", "terms only", "inverted index inverted index"));

    [Fact]
    public void And_or_and_not_queries_select_documents_by_their_terms()
    {
        Assert.Equal([0, 1, 2, 4], BooleanSearch.And(Index, ["inverted", "index"]));
        Assert.Equal([0, 3], BooleanSearch.And(Index, ["terms"]));
        Assert.Equal([0, 1, 2, 3, 4], BooleanSearch.Or(Index, ["terms", "index"]));
        Assert.Equal([1, 2, 4], BooleanSearch.AndNot(Index, ["index"], ["terms"]));
        Assert.Empty(BooleanSearch.And(Index, ["inverted", "absent"]));
    }

    [Fact]
    public void A_phrase_matches_only_where_its_terms_stand_next_to_each_other_in_order()
    {
        Assert.Equal([0, 4], BooleanSearch.Phrase(Index, SearchFixtures.Phrase("inverted", "index")));
        Assert.Equal([1, 4], BooleanSearch.Phrase(Index, SearchFixtures.Phrase("index", "inverted")));
        Assert.Equal([4], BooleanSearch.Phrase(Index, SearchFixtures.Phrase("inverted", "index", "inverted")));
        Assert.Empty(BooleanSearch.Phrase(Index, SearchFixtures.Phrase("terms", "inverted")));
    }

    [Fact]
    public void A_phrase_with_a_gap_keeps_the_gap()
    {
        // "inverted _ terms": inverted at p, terms at p + 2 (document 0: "inverted index of terms" has it at distance 3).
        Assert.Empty(BooleanSearch.Phrase(Index, [new AnalyzedToken("inverted", 0), new AnalyzedToken("terms", 2)]));
        Assert.Equal([0], BooleanSearch.Phrase(Index, [new AnalyzedToken("inverted", 0), new AnalyzedToken("terms", 3)]));
        Assert.Equal([2], BooleanSearch.Phrase(Index, [new AnalyzedToken("inverted", 5), new AnalyzedToken("and", 7)]));
    }
}
