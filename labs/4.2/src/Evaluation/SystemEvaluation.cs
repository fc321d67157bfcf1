namespace StatelessMind.Labs.Retrieval.Evaluation;

/// <summary>One retrieval system's figures on a test collection, each averaged over the queries.</summary>
public sealed record SystemEvaluation(
    string System, double MeanAveragePrecision, double PrecisionAt5, double PrecisionAt10, double RecallAt10, double F1At10,
    double RPrecision, double NdcgAt10, IReadOnlyList<double> InterpolatedPrecision)
{
    /// <summary>Averages every metric over the queries' rankings (document ids, best first) and graded judgments.</summary>
    public static SystemEvaluation Of(string system, IReadOnlyList<(IReadOnlyList<string> Ranking, IReadOnlyDictionary<string, int> Grades)> runs, MetricBug bug = MetricBug.None)
    {
        ArgumentNullException.ThrowIfNull(runs);
        double Mean(Func<IReadOnlyList<string>, IReadOnlyDictionary<string, int>, double> metric) => runs.Select(r => metric(r.Ranking, r.Grades)).DefaultIfEmpty(0).Average();
        IReadOnlyList<string> Top(IReadOnlyList<string> ranking, int k) => ranking.Take(k).ToList();
        var curve = new double[RankingMetrics.ElevenPoints.Count];
        foreach (var (ranking, grades) in runs)
        {
            var points = RankingMetrics.InterpolatedPrecision(ranking, grades, RankingMetrics.ElevenPoints);
            for (var i = 0; i < curve.Length; i++) curve[i] += points[i] / Math.Max(1, runs.Count);
        }
        return new SystemEvaluation(system,
            RankingMetrics.MeanAveragePrecision(runs, bug),
            Mean((r, g) => RankingMetrics.PrecisionAt(r, g, 5)),
            Mean((r, g) => RankingMetrics.PrecisionAt(r, g, 10)),
            Mean((r, g) => RankingMetrics.Recall(Top(r, 10), g)),
            Mean((r, g) => RankingMetrics.F1(Top(r, 10), g)),
            Mean(RankingMetrics.RPrecision),
            Mean((r, g) => RankingMetrics.Ndcg(r, g, 10, bug)),
            curve);
    }
}
