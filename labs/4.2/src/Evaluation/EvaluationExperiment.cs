using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Evaluation;

/// <summary>
/// Goal 4.2-2: the own TF-IDF engine, Lucene's ClassicSimilarity and Lucene's BM25 evaluated on the lab's judged test
/// collection (or one named by SM_IR_COLLECTION): MAP, P@5, P@10, recall and F1 at 10, R-precision and nDCG@10, with
/// nDCG cross-checked against ML.NET's ranking evaluator, every system held above random rankings, the two planted
/// metric bugs caught, and the 11-point interpolated precision–recall curves plotted.
/// </summary>
public sealed class EvaluationExperiment : IExperiment
{
    public const string OwnMap = "MAP, own TF-IDF";
    public const string ClassicMap = "MAP, Lucene Classic";
    public const string Bm25Map = "MAP, Lucene BM25";
    public const string RandomMap = "MAP, random rankings (mean)";
    public const string Bm25Ndcg = "nDCG@10, Lucene BM25";
    public const string OwnNdcg = "nDCG@10, own TF-IDF";
    public const string MlNetGap = "largest |nDCG@k − ML.NET nDCG@k|";
    public const string Queries = "judged queries";

    public const double MaxMlNetGap = 1e-6;
    public const int Depth = 1000;

    public string GoalId => "4.2-2";
    public string Title => "Precision, recall, F1, P@k, R-precision, MAP and nDCG of TF-IDF and BM25 on a judged test collection";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var collection = TestCollection.FromEnvironmentOrShipped();
        context.Report(0.05, $"{collection.Name}: {collection.Documents.Count} documents, {collection.Queries.Count} queries, {collection.Judgments.Count} judgments");
        using var engines = SearchEngines.Build(collection);
        var judged = collection.Queries.Where(q => RankingMetrics.RelevantCount(collection.Grades(q.Id)) > 0).ToList();
        finding.Figure(Queries, judged.Count, "queries");
        finding.Check(judged.Count > 0, $"{judged.Count} of {collection.Queries.Count} queries have at least one relevant document");

        var names = engines.Own.DocumentNames;
        List<(IReadOnlyList<string> Ranking, IReadOnlyDictionary<string, int> Grades)> Runs(Func<IReadOnlyList<string>, IReadOnlyList<ScoredDocument>> search) =>
            judged.Select(q => ((IReadOnlyList<string>)search(engines.QueryTerms(q.Text)).Select(h => names[h.Doc]).ToList(), collection.Grades(q.Id))).ToList();
        var systems = new (string Name, List<(IReadOnlyList<string> Ranking, IReadOnlyDictionary<string, int> Grades)> Runs)[]
        {
            ("own TF-IDF", Runs(t => TfIdfRanker.Search(engines.Own, t, Depth))),
            ("Lucene Classic", Runs(t => engines.Lucene.Search(t, LuceneIndex.Classic, Depth))),
            ("Lucene BM25", Runs(t => engines.Lucene.Search(t, LuceneIndex.Bm25, Depth))),
        };
        var evaluations = systems.Select(s => SystemEvaluation.Of(s.Name, s.Runs)).ToList();
        finding.Table(FindingTable.Of($"Effectiveness on {collection.Name} ({judged.Count} queries, rankings to depth {Depth})",
            ["system", "MAP", "P@5", "P@10", "R@10", "F1@10", "R-prec", "nDCG@10"],
            evaluations.Select(e => new object?[] { e.System, F(e.MeanAveragePrecision), F(e.PrecisionAt5), F(e.PrecisionAt10), F(e.RecallAt10), F(e.F1At10), F(e.RPrecision), F(e.NdcgAt10) }).ToList()));
        finding.Figure(OwnMap, evaluations[0].MeanAveragePrecision, "", key: true);
        finding.Figure(ClassicMap, evaluations[1].MeanAveragePrecision, "");
        finding.Figure(Bm25Map, evaluations[2].MeanAveragePrecision, "", key: true);
        finding.Figure(OwnNdcg, evaluations[0].NdcgAt10, "");
        finding.Figure(Bm25Ndcg, evaluations[2].NdcgAt10, "", key: true);
        var inRange = evaluations.All(e => new[] { e.MeanAveragePrecision, e.PrecisionAt5, e.PrecisionAt10, e.RecallAt10, e.F1At10, e.RPrecision, e.NdcgAt10 }
            .Concat(e.InterpolatedPrecision).All(v => v is >= 0 and <= 1));
        finding.Check(inRange, "every metric of every system was computed and lies in [0, 1]");
        var tfIdfGap = Math.Abs(evaluations[0].MeanAveragePrecision - evaluations[1].MeanAveragePrecision);
        finding.Check(tfIdfGap <= 1e-3, $"the own TF-IDF and Lucene Classic, which score alike, reach the same MAP (difference {tfIdfGap:G2})");
        cancellationToken.ThrowIfCancellationRequested();

        context.Report(0.4, "ML.NET's ranking evaluator");
        var mlGap = 0.0;
        foreach (var (name, runs) in systems)
        {
            var (mlNdcg, _) = MlNetRankingEvaluation.Evaluate(runs);
            for (var k = 1; k <= 10; k++)
                mlGap = Math.Max(mlGap, Math.Abs(runs.Average(r => RankingMetrics.Ndcg(r.Ranking, r.Grades, k)) - mlNdcg[k - 1]));
        }
        finding.Figure(MlNetGap, mlGap, "", key: true, target: $"≤ {MaxMlNetGap:G1}");
        finding.Check(mlGap <= MaxMlNetGap, $"the own mean nDCG@k, k = 1 … 10, equals ML.NET's ranking evaluator's for all three systems to {mlGap:G2}");

        var randomRuns = context.Size(200, 2_000);
        var random = new Random(context.Seed);
        var allIds = collection.Documents.Select(d => d.Id).ToArray();
        var randomMap = Enumerable.Range(0, randomRuns).Average(_ =>
            RankingMetrics.MeanAveragePrecision(judged.Select(q => ((IReadOnlyList<string>)allIds.OrderBy(_ => random.Next()).ToList(), collection.Grades(q.Id)))));
        finding.Figure(RandomMap, randomMap, "");
        foreach (var e in evaluations)
            finding.Check(e.MeanAveragePrecision > randomMap, $"{e.System}: MAP {e.MeanAveragePrecision:F3} above the {randomRuns} random rankings' mean MAP {randomMap:F3}");

        var top10 = systems[0].Runs.Select(r => ((IReadOnlyList<string>)r.Ranking.Take(10).ToList(), r.Grades)).ToList();
        var apBug = Math.Abs(RankingMetrics.MeanAveragePrecision(top10, MetricBug.AveragePrecisionOverRetrieved) - RankingMetrics.MeanAveragePrecision(top10));
        finding.Check(apBug > 1e-3, $"the planted bug AveragePrecisionOverRetrieved is caught: on the own top-10 lists it moves MAP by {apBug:F3}");
        var (mlTop10, _) = MlNetRankingEvaluation.Evaluate(top10);
        var idealBug = Math.Abs(top10.Average(r => RankingMetrics.Ndcg(r.Item1, r.Grades, 10, MetricBug.IdealFromRetrieved)) - mlTop10[9]);
        finding.Check(idealBug > 1e-3, $"the planted bug IdealFromRetrieved is caught by ML.NET: on the own top-10 lists its nDCG@10 differs from ML.NET's by {idealBug:F3}");

        Curve(context, finding, collection, evaluations);
        var best = evaluations.MaxBy(e => e.MeanAveragePrecision)!;
        return Task.FromResult(finding.Build(
            $"{judged.Count} judged queries of {collection.Name} ({collection.Documents.Count} documents, graded 0–{collection.Judgments.Max(j => j.Grade)}) were run through the own TF-IDF engine, Lucene Classic and Lucene BM25; " +
            $"the highest MAP was {best.System}'s."));
    }

    private static void Curve(ExperimentContext context, FindingBuilder finding, TestCollection collection, IReadOnlyList<SystemEvaluation> evaluations)
    {
        finding.Table(FindingTable.Of("11-point interpolated precision", ["recall", .. evaluations.Select(e => e.System)],
            RankingMetrics.ElevenPoints.Select((r, i) => new object?[] { r.ToString("F1", CultureInfo.InvariantCulture) }.Concat(evaluations.Select(e => (object?)F(e.InterpolatedPrecision[i]))).ToArray()).ToList()));
        var plot = new ScottPlot.Plot();
        var recall = RankingMetrics.ElevenPoints.ToArray();
        foreach (var e in evaluations)
        {
            var line = plot.Add.Scatter(recall, e.InterpolatedPrecision.ToArray());
            line.LegendText = $"{e.System} (MAP {e.MeanAveragePrecision:F3})";
        }
        plot.Title($"Interpolated precision–recall on {collection.Name}");
        plot.XLabel("recall");
        plot.YLabel("interpolated precision");
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        finding.Plot(context.SavePlot(plot, "precision-recall.png", "Mean 11-point interpolated precision at each recall level, per system (where two systems rank alike, as the own TF-IDF and Lucene Classic do, one line hides the other)"));
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
