namespace StatelessMind.Labs.Retrieval.Evaluation;

/// <summary>
/// Retrieval metrics of one ranked list against graded judgments (document id → grade; absent or 0 = not relevant).
/// Set metrics take the whole list as the retrieved set; the "at k" ones its first k documents. A query with no relevant
/// document has recall, R-precision, average precision and nDCG of 0 (they are undefined; the collections here have none).
/// nDCG uses the gain 2^grade − 1 and the discount 1/log(1 + rank), with the ideal ranking taken from all judged documents.
/// </summary>
public static class RankingMetrics
{
    public static int RelevantCount(IReadOnlyDictionary<string, int> grades) => grades.Values.Count(g => g > 0);

    /// <summary>Relevant retrieved / retrieved.</summary>
    public static double Precision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        #region Exercise 4.2-2a: precision of the retrieved set (tests: SetMetricTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        return ranking.Count == 0 ? 0 : RelevantIn(ranking, grades, ranking.Count) / (double)ranking.Count;
        #endregion
    }

    /// <summary>Relevant retrieved / relevant.</summary>
    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        #region Exercise 4.2-2a: recall of the retrieved set (tests: SetMetricTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        var relevant = RelevantCount(grades);
        return relevant == 0 ? 0 : RelevantIn(ranking, grades, ranking.Count) / (double)relevant;
        #endregion
    }

    /// <summary>The harmonic mean of precision and recall.</summary>
    public static double F1(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        var p = Precision(ranking, grades);
        var r = Recall(ranking, grades);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Relevant among the first k / k (a list shorter than k counts its missing places as not relevant).</summary>
    public static double PrecisionAt(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        #region Exercise 4.2-2a: precision at k, dividing by k (tests: SetMetricTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        return RelevantIn(ranking, grades, k) / (double)k;
        #endregion
    }

    /// <summary>Precision at R, R the number of relevant documents.</summary>
    public static double RPrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        var relevant = RelevantCount(grades);
        return relevant == 0 ? 0 : PrecisionAt(ranking, grades, relevant);
    }

    /// <summary>The mean, over the relevant documents, of the precision at the rank where each was retrieved (0 for one never retrieved).</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, MetricBug bug = MetricBug.None)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        var (sum, found) = PrecisionSum(ranking, grades);
        var denominator = bug == MetricBug.AveragePrecisionOverRetrieved ? found : RelevantCount(grades);
        return denominator == 0 ? 0 : sum / denominator;
    }

    /// <summary>The sum of the precisions at the ranks of relevant documents, and how many relevant documents were found.</summary>
    internal static (double Sum, int Found) PrecisionSum(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades)
    {
        #region Exercise 4.2-2b: walk the ranking, adding the precision at each rank that holds a relevant document (tests: AveragePrecisionTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        var sum = 0.0;
        var found = 0;
        for (var i = 0; i < ranking.Count; i++)
        {
            if (grades.GetValueOrDefault(ranking[i]) <= 0) continue;
            found++;
            sum += found / (double)(i + 1);
        }
        return (sum, found);
        #endregion
    }

    public static double MeanAveragePrecision(IEnumerable<(IReadOnlyList<string> Ranking, IReadOnlyDictionary<string, int> Grades)> runs, MetricBug bug = MetricBug.None) =>
        runs.Select(r => AveragePrecision(r.Ranking, r.Grades, bug)).DefaultIfEmpty(0).Average();

    /// <summary>Σ_{i ≤ k} (2^grade_i − 1)/log₂(i + 1) over the first k grades.</summary>
    public static double Dcg(IReadOnlyList<int> gradesInOrder, int k)
    {
        ArgumentNullException.ThrowIfNull(gradesInOrder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        #region Exercise 4.2-2c: discounted cumulative gain, gain 2^g − 1 and discount 1/log₂(rank + 1) (tests: NdcgTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, gradesInOrder.Count); i++)
            dcg += (Math.Pow(2, Math.Max(0, gradesInOrder[i])) - 1) / Math.Log2(i + 2);
        return dcg;
        #endregion
    }

    /// <summary>DCG@k of the ranking over DCG@k of the ideal ranking (all judged grades, best first).</summary>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k, MetricBug bug = MetricBug.None)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        var inOrder = ranking.Select(d => grades.GetValueOrDefault(d)).ToList();
        var ideal = (bug == MetricBug.IdealFromRetrieved ? inOrder : grades.Values.ToList()).OrderDescending().ToList();
        var best = Dcg(ideal, k);
        return best == 0 ? 0 : Dcg(inOrder, k) / best;
    }

    /// <summary>
    /// Interpolated precision at the given recall levels: the highest precision at any rank whose recall is at least the
    /// level (0 where that recall is never reached).
    /// </summary>
    public static double[] InterpolatedPrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, IReadOnlyList<double> recallLevels)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(recallLevels);
        var result = new double[recallLevels.Count];
        var relevant = RelevantCount(grades);
        if (relevant == 0) return result;
        #region Exercise 4.2-2d: interpolated precision: for each recall level, the best precision at a rank reaching it (tests: PrecisionRecallCurveTests, ExperimentTests.The_evaluation_experiment_holds_at_small_scale)
        var found = 0;
        for (var i = 0; i < ranking.Count; i++)
        {
            if (grades.GetValueOrDefault(ranking[i]) <= 0) continue;
            found++;
            var precision = found / (double)(i + 1);
            var recall = found / (double)relevant;
            for (var l = 0; l < recallLevels.Count; l++)
                if (recallLevels[l] <= recall + 1e-12) result[l] = Math.Max(result[l], precision);
        }
        return result;
        #endregion
    }

    /// <summary>The eleven standard recall levels 0, 0.1, …, 1.</summary>
    public static IReadOnlyList<double> ElevenPoints { get; } = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();

    private static int RelevantIn(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k)
    {
        var count = 0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
            if (grades.GetValueOrDefault(ranking[i]) > 0) count++;
        return count;
    }
}
