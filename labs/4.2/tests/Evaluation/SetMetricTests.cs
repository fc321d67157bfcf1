using StatelessMind.Labs.Retrieval.Evaluation;

namespace StatelessMind.Labs.Retrieval.Tests.Evaluation;

[Goal("4.2-2")]
public sealed class SetMetricTests
{
    // Judged: a, c, f relevant (grades 2, 1, 1), b judged not relevant; the rest unjudged.
    internal static readonly IReadOnlyDictionary<string, int> Grades = new Dictionary<string, int> { ["a"] = 2, ["b"] = 0, ["c"] = 1, ["f"] = 1 };
    internal static readonly IReadOnlyList<string> Ranking = ["a", "b", "c", "d", "e"];

    [Fact]
    public void Precision_recall_and_f1_follow_their_definitions_on_a_hand_worked_case()
    {
        // Retrieved 5, of which a and c are relevant: P = 2/5; relevant 3, of which 2 retrieved: R = 2/3; F1 = 2PR/(P+R) = 1/2.
        Assert.Equal(2.0 / 5, RankingMetrics.Precision(Ranking, Grades), 12);
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranking, Grades), 12);
        Assert.Equal(0.5, RankingMetrics.F1(Ranking, Grades), 12);
    }

    [Fact]
    public void Precision_at_k_divides_by_k_even_past_the_end_of_the_list()
    {
        Assert.Equal(1.0, RankingMetrics.PrecisionAt(Ranking, Grades, 1), 12);
        Assert.Equal(0.5, RankingMetrics.PrecisionAt(Ranking, Grades, 2), 12);
        Assert.Equal(2.0 / 3, RankingMetrics.PrecisionAt(Ranking, Grades, 3), 12);
        Assert.Equal(2.0 / 10, RankingMetrics.PrecisionAt(Ranking, Grades, 10), 12);
    }

    [Fact]
    public void R_precision_is_precision_at_the_number_of_relevant_documents()
    {
        // Three relevant documents: the first three hold a and c.
        Assert.Equal(2.0 / 3, RankingMetrics.RPrecision(Ranking, Grades), 12);
    }

    [Fact]
    public void Empty_rankings_and_queries_without_relevant_documents_score_zero()
    {
        var none = new Dictionary<string, int> { ["a"] = 0 };
        Assert.Equal(0, RankingMetrics.Precision([], Grades));
        Assert.Equal(0, RankingMetrics.Recall(Ranking, none));
        Assert.Equal(0, RankingMetrics.F1([], Grades));
        Assert.Equal(0, RankingMetrics.RPrecision(Ranking, none));
    }
}
