using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Text;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.MassiveData.NearDuplicates;

namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>
/// Goal 4.3-2: K-means with ML.NET (k-means++) on points with known clusters — inertia, silhouette and the elbow for
/// k = 1..10 — and MinHash LSH for near-duplicate fortunes: recall and precision against a brute-force comparison of
/// every pair, comparisons saved, and the measured S-curve beside 1 − (1 − s^r)^b.
/// </summary>
public sealed class ClusteringLshExperiment : IExperiment
{
    public const string ElbowK = "elbow k (true k = 5)";
    public const string BestSilhouette = "silhouette at the elbow";
    public const string LshRecall = "LSH recall (Jaccard ≥ 0.5)";
    public const string LshCandidatePrecision = "LSH candidate precision";
    public const string ComparisonsSaved = "comparisons saved by LSH";
    public const string SCurveDeviation = "largest |measured − theoretical| on the S-curve";

    private const int TrueK = 5;
    private const double Threshold = 0.5;

    public string GoalId => "4.3-2";
    public string Title => "K-means with ML.NET, and MinHash LSH for near-duplicates";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        context.Report(0.05, "k-means for k = 1..10");
        KMeans(context, finding, cancellationToken);
        context.Report(0.4, "near-duplicate fortunes");
        try
        {
            Lsh(context, finding, cancellationToken);
        }
        catch (CorpusNotFoundException e)
        {
            finding.Unmeasured("LSH over the fortunes", e.Message);
        }
        context.Report(0.8, "the S-curve");
        Curve(context, finding);
        return Task.FromResult(finding.Build(
            $"K-means ran on {context.Size(600, 3000):N0} points from {TrueK} Gaussian clusters (8 dimensions, σ = 1.5, centres at least 6σ√8 apart) for k = 1..10; " +
            $"MinHash LSH (b = 25 bands of r = 4 rows) ran over {context.Size(600, 3000):N0} fortunes and edited copies of a third of them, against every pair compared exactly."));
    }

    private static void KMeans(ExperimentContext context, FindingBuilder finding, CancellationToken ct)
    {
        var (points, truth, _) = GaussianBlobs.Generate(context.Size(600, 3000), TrueK, 8, 1.5, context.Seed);
        var rows = new List<(int K, double Inertia, double MlNet, double Silhouette, double Purity)>();
        for (var k = 1; k <= 10; k++)
        {
            ct.ThrowIfCancellationRequested();
            var fit = MlNetKMeans.Fit(points, k, context.Seed);
            var inertia = ClusterQuality.Inertia(points, fit.Labels, fit.Centroids);
            var silhouette = k >= 2 ? ClusterQuality.Silhouette(points, fit.Labels) : double.NaN;
            rows.Add((k, inertia, fit.MlNetAverageDistance * points.Length, silhouette, Purity(fit.Labels, truth)));
        }
        finding.Table(FindingTable.Of($"K-means (ML.NET, k-means++) on {points.Length:N0} points, true k = {TrueK}",
            ["k", "inertia", "ML.NET average distance × n", "silhouette", "purity"],
            rows.Select(r => new object?[] { r.K, r.Inertia, r.MlNet, r.Silhouette, r.Purity })));
        var elbow = Elbow.Find([.. rows.Select(r => (r.K, r.Inertia))]);
        var best = rows.Where(r => r.K >= 2).MaxBy(r => r.Silhouette);
        var atElbow = rows.Single(r => r.K == elbow);
        finding.Figure(ElbowK, elbow, "", key: true);
        finding.Figure(BestSilhouette, atElbow.Silhouette, "", key: true);
        finding.Figure("purity at the elbow", atElbow.Purity, "");
        finding.Check(elbow == TrueK, $"the elbow of the inertia curve is at k = {elbow}, the number of clusters the points were drawn from");
        finding.Check(best.K == TrueK && best.Silhouette > 0.5, $"the silhouette is highest at k = {best.K} ({best.Silhouette:0.###})");
        finding.Check(rows.All(r => Math.Abs(r.Inertia - r.MlNet) <= 1e-3 * r.Inertia),
            "the inertia computed here from the centroids equals ML.NET's average distance × n at every k (two implementations agree)");
        finding.Check(atElbow.Purity >= 0.95, $"at the elbow {atElbow.Purity:P1} of points share a cluster with the majority of their true cluster");
        var fitted = MlNetKMeans.Fit(points, TrueK, context.Seed);
        var buggy = ClusterQuality.Silhouette(points, fitted.Labels, SilhouetteBug.NearestClusterIncludesOwn);
        finding.Check(buggy <= 0, $"the silhouette check catches the planted bug (the nearest cluster taken over all clusters, own included, gives {buggy:0.###})");

        var plot = new ScottPlot.Plot();
        var xs = rows.Select(r => (double)r.K).ToArray();
        var inertiaLine = plot.Add.Scatter(xs, rows.Select(r => r.Inertia).ToArray());
        inertiaLine.LegendText = "inertia";
        var marker = plot.Add.VerticalLine(elbow);
        marker.LegendText = $"elbow (k = {elbow})";
        marker.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Title("Elbow plot: inertia against k (ML.NET k-means++)");
        plot.XLabel("k");
        plot.YLabel("within-cluster sum of squares");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "elbow.png", "Inertia against k, with the elbow marked"));
        var sil = new ScottPlot.Plot();
        var withSil = rows.Where(r => r.K >= 2).ToList();
        sil.Add.Scatter(withSil.Select(r => (double)r.K).ToArray(), withSil.Select(r => r.Silhouette).ToArray());
        sil.Title("Mean silhouette against k");
        sil.XLabel("k");
        sil.YLabel("silhouette");
        finding.Plot(context.SavePlot(sil, "silhouette.png", "Mean silhouette against k"));
    }

    private static double Purity(int[] labels, int[] truth) =>
        (double)labels.Select((l, i) => (l, t: truth[i])).GroupBy(x => x.l).Sum(g => g.GroupBy(x => x.t).Max(h => h.Count())) / labels.Length;

    private static void Lsh(ExperimentContext context, FindingBuilder finding, CancellationToken ct)
    {
        var documents = NearDuplicateCorpus.Build(context.Size(600, 3000), context.Seed);
        var sets = documents.Select(d => Shingles.Of(d)).ToArray();
        var lsh = new LshBanding(25, 4);
        var hasher = new MinHasher(lsh.SignatureLength, context.Seed);
        var signatures = sets.Select(hasher.Signature).ToArray();

        var truePairs = new List<(int A, int B, double S)>();
        for (var i = 0; i < sets.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            for (var j = i + 1; j < sets.Length; j++)
            {
                var s = Shingles.Jaccard(sets[i], sets[j]);
                if (s >= Threshold) truePairs.Add((i, j, s));
            }
        }
        using var ctx = new DataflowContext(new DataflowOptions { CancellationToken = ct });
        var candidates = lsh.CandidatePairs(ctx.Parallelize(signatures.Select((s, i) => (i, s)).ToArray(), 8), 8);
        var found = candidates.Where(c => Shingles.Jaccard(sets[c.A], sets[c.B]) >= Threshold).ToHashSet();
        var allPairs = (double)sets.Length * (sets.Length - 1) / 2;
        var recall = truePairs.Count == 0 ? 1 : (double)truePairs.Count(p => found.Contains((p.A, p.B))) / truePairs.Count;
        var precision = candidates.Count == 0 ? 1 : (double)found.Count / candidates.Count;
        var expected = truePairs.Count == 0 ? 1 : truePairs.Average(p => lsh.CandidateProbability(p.S));
        var se = truePairs.Count == 0 ? 0 : Math.Sqrt(truePairs.Sum(p => lsh.CandidateProbability(p.S) * (1 - lsh.CandidateProbability(p.S)))) / truePairs.Count;
        var estimateError = truePairs.Count == 0 ? 0 : truePairs.Average(p => Math.Abs(MinHasher.EstimatedSimilarity(signatures[p.A], signatures[p.B]) - p.S));

        finding.Figure(LshRecall, recall * 100, "%", key: true, target: "≥ 90%");
        finding.Figure(LshCandidatePrecision, precision * 100, "%", key: true);
        finding.Figure(ComparisonsSaved, (1 - candidates.Count / allPairs) * 100, "%", key: true);
        finding.Figure("true near-duplicate pairs (brute force)", truePairs.Count, "pairs");
        finding.Figure("candidate pairs", candidates.Count, "pairs");
        finding.Figure("mean |MinHash estimate − Jaccard| on true pairs", estimateError, "");
        finding.Table(FindingTable.Of($"Near-duplicates among {documents.Count:N0} documents ({allPairs:N0} pairs), Jaccard of word 3-shingles ≥ {Threshold}",
            ["method", "pairs compared", "true pairs found", "recall", "candidate precision (before verification)", "precision after verification"],
            [
                ["brute force", allPairs, truePairs.Count, 1.0, "—", 1.0],
                [$"MinHash LSH, b = {lsh.Bands}, r = {lsh.Rows} (threshold ≈ {lsh.Threshold:0.###})", (double)candidates.Count, found.Count, recall, precision, 1.0],
            ]));
        finding.Check(truePairs.Count > 0 && recall >= 0.9, $"LSH finds {recall:P1} of the {truePairs.Count} near-duplicate pairs brute force finds");
        finding.Check(Math.Abs(recall - expected) <= 4 * se + 0.02,
            $"the recall agrees with the S-curve averaged over the true pairs' similarities ({expected:P1} expected, ±{4 * se + 0.02:P1})");
        finding.Check(candidates.Count < 0.05 * allPairs, $"LSH compared {candidates.Count:N0} candidate pairs instead of all {allPairs:N0}");
        finding.Check(estimateError <= 0.06, $"signature agreement estimates the Jaccard similarity to within {estimateError:0.###} on average (100 rows)");
    }

    private static void Curve(ExperimentContext context, FindingBuilder finding)
    {
        var lsh = new LshBanding(25, 4);
        var pairs = context.Size(150, 400);
        var measured = SCurve.Measure(lsh, pairs, context.Seed);
        var buggy = SCurve.Measure(lsh, pairs, context.Seed, MinHashBug.SameHashesInEveryBand);
        var deviation = measured.Max(p => Math.Abs(p.Measured - p.Theory));
        finding.Figure(SCurveDeviation, deviation, "", key: true);
        finding.Table(FindingTable.Of($"The S-curve, b = {lsh.Bands}, r = {lsh.Rows}, {pairs} pairs per point",
            ["similarity", "measured", "1 − (1 − s^r)^b", "tolerance (4 SE)", "with the planted bug"],
            measured.Zip(buggy).Select(p => new object?[] { p.First.Similarity, p.First.Measured, p.First.Theory, p.First.Tolerance, p.Second.Measured })));
        finding.Check(measured.All(p => Math.Abs(p.Measured - p.Theory) <= p.Tolerance),
            $"at every one of 19 similarities the measured candidate probability is within four standard errors of the theory (largest gap {deviation:0.###})");
        finding.Check(buggy.Any(p => Math.Abs(p.Measured - p.Theory) > p.Tolerance),
            "the same check catches the planted bug (every band with the same hash functions: the curve collapses towards s^r)");

        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
        var theory = plot.Add.Scatter(xs, xs.Select(lsh.CandidateProbability).ToArray());
        theory.LegendText = $"1 − (1 − s^{lsh.Rows})^{lsh.Bands}";
        theory.MarkerSize = 0;
        var points = plot.Add.Scatter(measured.Select(p => p.Similarity).ToArray(), measured.Select(p => p.Measured).ToArray());
        points.LegendText = "measured";
        points.LineWidth = 0;
        points.MarkerSize = 7;
        var bug = plot.Add.Scatter(buggy.Select(p => p.Similarity).ToArray(), buggy.Select(p => p.Measured).ToArray());
        bug.LegendText = "measured, planted bug (same hashes in every band)";
        bug.LineWidth = 0;
        bug.MarkerSize = 5;
        plot.Title("LSH candidate probability against Jaccard similarity");
        plot.XLabel("Jaccard similarity s");
        plot.YLabel("P(candidate)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        finding.Plot(context.SavePlot(plot, "lsh-s-curve.png", "Measured candidate probability against the theoretical S-curve"));
    }
}
