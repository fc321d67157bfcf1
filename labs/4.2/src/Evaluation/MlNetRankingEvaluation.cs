using Microsoft.ML;
using Microsoft.ML.Data;

namespace StatelessMind.Labs.Retrieval.Evaluation;

/// <summary>
/// ML.NET's ranking evaluator (<c>MLContext.Ranking.Evaluate</c>) on the same rankings: each query is a row group, each
/// judged or retrieved document a row with its grade as the label and a score that reproduces the ranking. Documents
/// judged but not retrieved are added below every retrieved one and below the truncation depth, so that ML.NET's ideal ranking — built from
/// the rows of the group — holds every relevant document, as the own nDCG's does. ML.NET's gain table is set to
/// the own gains 2^g − 1; its discount 1/ln(1 + rank) differs from 1/log₂(1 + rank) by a constant factor, which nDCG cancels.
/// </summary>
public static class MlNetRankingEvaluation
{
    /// <summary>The gain of grade g, 2^g − 1, as the own nDCG uses (ML.NET's default table is 0, 3, 7, 15, 31: 2^(g+1) − 1 above 0).</summary>
    private static readonly double[] Gains = Enumerable.Range(0, 16).Select(g => Math.Pow(2, g) - 1).ToArray();

    private sealed class Row
    {
        public float Label { get; set; }

        [KeyType(1_000_000)]
        public uint GroupId { get; set; }

        public float Score { get; set; }
    }

    /// <summary>Mean nDCG@k and DCG@k over the queries, for k = 1 … <paramref name="truncation"/>, as ML.NET computes them.</summary>
    public static (IReadOnlyList<double> Ndcg, IReadOnlyList<double> Dcg) Evaluate(
        IReadOnlyList<(IReadOnlyList<string> Ranking, IReadOnlyDictionary<string, int> Grades)> runs, int truncation = 10)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<Row>();
        for (var q = 0; q < runs.Count; q++)
        {
            var (ranking, grades) = runs[q];
            // The ranking, then rows of grade 0 up to the truncation depth (a short ranking's empty places), then the
            // judged documents not retrieved: they enter ML.NET's ideal DCG but never its DCG@k.
            var labels = ranking.Select(d => grades.GetValueOrDefault(d)).ToList();
            while (labels.Count < truncation) labels.Add(0);
            labels.AddRange(grades.Where(g => !ranking.Contains(g.Key)).Select(g => g.Value));
            for (var i = 0; i < labels.Count; i++)
                rows.Add(new Row { Label = Math.Max(0, labels[i]), GroupId = (uint)(q + 1), Score = labels.Count - i });
        }
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(rows);
        var metrics = ml.Ranking.Evaluate(data, new RankingEvaluatorOptions { DcgTruncationLevel = truncation, LabelGains = string.Join(",", Gains.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))) });
        return (metrics.NormalizedDiscountedCumulativeGains, metrics.DiscountedCumulativeGains);
    }
}
