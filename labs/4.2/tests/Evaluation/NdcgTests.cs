using StatelessMind.Labs.Retrieval.Evaluation;

namespace StatelessMind.Labs.Retrieval.Tests.Evaluation;

[Goal("4.2-2")]
public sealed class NdcgTests(ITestOutputHelper output)
{
    [Fact]
    public void Dcg_sums_exponential_gains_over_log2_discounts()
    {
        // Grades 2, 0, 1: 3/log2(2) + 0/log2(3) + 1/log2(4) = 3 + 0.5.
        Assert.Equal(3.5, RankingMetrics.Dcg([2, 0, 1], 10), 12);
        Assert.Equal(3.0, RankingMetrics.Dcg([2, 0, 1], 1), 12);
    }

    [Fact]
    public void Ndcg_takes_its_ideal_from_every_judged_document()
    {
        // Ranking a b c d e has grades 2 0 1 0 0; the ideal is 2 1 1 (f was judged 1 but not retrieved).
        var dcg = 3 + 1 / Math.Log2(4);
        var ideal = 3 + 1 / Math.Log2(3) + 1 / Math.Log2(4);
        Assert.Equal(dcg / ideal, RankingMetrics.Ndcg(SetMetricTests.Ranking, SetMetricTests.Grades, 10), 12);
        Assert.Equal(1.0, RankingMetrics.Ndcg(["a", "c", "f"], SetMetricTests.Grades, 3), 12);
    }

    [Fact]
    public void Ndcg_agrees_with_mlnet_ranking_evaluator_at_every_cutoff()
    {
        var runs = new List<(IReadOnlyList<string>, IReadOnlyDictionary<string, int>)>
        {
            (SetMetricTests.Ranking, SetMetricTests.Grades),
            (["q", "p", "r", "s"], new Dictionary<string, int> { ["p"] = 2, ["r"] = 2, ["s"] = 1, ["t"] = 1 }),
            (["m", "n"], new Dictionary<string, int> { ["n"] = 1 }),
        };
        var (ml, _) = MlNetRankingEvaluation.Evaluate(runs);
        for (var k = 1; k <= 10; k++)
        {
            var own = runs.Average(r => RankingMetrics.Ndcg(r.Item1, r.Item2, k));
            output.WriteLine($"nDCG@{k}: own {own:F6}, ML.NET {ml[k - 1]:F6}");
            Assert.Equal(own, ml[k - 1], 6);
        }
    }

    [Fact]
    public void The_planted_bug_that_builds_the_ideal_from_the_retrieved_documents_is_caught_by_mlnet()
    {
        var runs = new List<(IReadOnlyList<string>, IReadOnlyDictionary<string, int>)> { (SetMetricTests.Ranking, SetMetricTests.Grades) };
        var (ml, _) = MlNetRankingEvaluation.Evaluate(runs);
        var buggy = RankingMetrics.Ndcg(SetMetricTests.Ranking, SetMetricTests.Grades, 10, MetricBug.IdealFromRetrieved);
        Assert.True(Math.Abs(buggy - ml[9]) > 1e-3, $"buggy {buggy}, ML.NET {ml[9]}");
    }
}
