using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class TfIdfRankerTests
{
    private static double Norm(int length) => LengthNorm.Of(length);

    [Fact]
    public void A_score_is_coord_times_query_norm_times_the_sum_of_root_tf_idf_squared_and_norm()
    {
        // N = 4. "x" in d0 (twice) and d1; "y" in d1 only. df(x) = 2, df(y) = 1.
        var index = InvertedIndex.Build(SearchFixtures.Plain("x x a", "x y b c", "a b", "c"));
        var idfX = 1 + Math.Log(4 / 3.0);
        var idfY = 1 + Math.Log(4 / 2.0);
        var queryNorm = 1 / Math.Sqrt(idfX * idfX + idfY * idfY);
        var d0 = 0.5 * queryNorm * Math.Sqrt(2) * idfX * idfX * Norm(3);                             // one of two query terms
        var d1 = 1.0 * queryNorm * (idfX * idfX * Norm(4) + idfY * idfY * Norm(4));                  // both
        var hits = TfIdfRanker.Search(index, ["x", "y"], 10);
        Assert.Equal(2, hits.Count);
        Assert.Equal(1, hits[0].Doc);
        Assert.Equal(d1, hits[0].Score, 12);
        Assert.Equal(0, hits[1].Doc);
        Assert.Equal(d0, hits[1].Score, 12);
    }

    [Fact]
    public void Repeated_query_terms_count_once_and_k_cuts_the_list()
    {
        var index = InvertedIndex.Build(SearchFixtures.Plain("x", "x x", "x y", "y"));
        var once = TfIdfRanker.Search(index, ["x"], 10);
        var twice = TfIdfRanker.Search(index, ["x", "x"], 10);
        Assert.Equal(once, twice);
        Assert.Equal(2, TfIdfRanker.Search(index, ["x"], 2).Count);
        Assert.Empty(TfIdfRanker.Search(index, ["nothing"], 5));
        var scores = once.Select(h => h.Score).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }
}
