using StatelessMind.Labs.Retrieval.Evaluation;

namespace StatelessMind.Labs.Retrieval.Tests.Evaluation;

[Goal("4.2-2")]
public sealed class AveragePrecisionTests
{
    [Fact]
    public void Average_precision_counts_a_relevant_document_never_retrieved_as_zero()
    {
        // Relevant a (rank 1) and c (rank 3) found, f never: AP = (1/1 + 2/3 + 0) / 3 = 5/9.
        Assert.Equal(5.0 / 9, RankingMetrics.AveragePrecision(SetMetricTests.Ranking, SetMetricTests.Grades), 12);
    }

    [Fact]
    public void A_perfect_ranking_has_average_precision_one_and_a_reversed_one_less()
    {
        var grades = new Dictionary<string, int> { ["x"] = 1, ["y"] = 1 };
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(["x", "y", "z"], grades), 12);
        // x and y at ranks 2 and 3: (1/2 + 2/3) / 2 = 7/12.
        Assert.Equal(7.0 / 12, RankingMetrics.AveragePrecision(["z", "x", "y"], grades), 12);
    }

    [Fact]
    public void Mean_average_precision_is_the_mean_over_queries()
    {
        var grades = new Dictionary<string, int> { ["x"] = 1, ["y"] = 1 };
        var map = RankingMetrics.MeanAveragePrecision([(["x", "y", "z"], grades), (["z", "x", "y"], grades)]);
        Assert.Equal((1 + 7.0 / 12) / 2, map, 12);
    }

    [Fact]
    public void The_planted_bug_that_divides_by_the_retrieved_relevant_is_caught()
    {
        var correct = RankingMetrics.AveragePrecision(SetMetricTests.Ranking, SetMetricTests.Grades);
        var buggy = RankingMetrics.AveragePrecision(SetMetricTests.Ranking, SetMetricTests.Grades, MetricBug.AveragePrecisionOverRetrieved);
        Assert.Equal(5.0 / 9, correct, 12);
        Assert.NotEqual(correct, buggy, 6); // the bug gives (1 + 2/3)/2 = 5/6: the missed document costs nothing
    }
}
