using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Supervised;
using StatelessMind.Labs.LearningData.Unsupervised;

namespace StatelessMind.Labs.LearningData;

/// <summary>
/// Goal 1.6-1: supervised and unsupervised learning with ML.NET on scikit-learn's real data sets. Classification of the
/// 8×8 digits with a stratified train / validation / test split; 5-fold cross-validation on breast cancer; regression on
/// diabetes, with an overfitting sweep of regression trees (train vs validation error against the number of leaves); K-means and PCA
/// on wine, scored by the silhouette and by explained variance (checked against an eigendecomposition).
/// </summary>
/// <param name="bug">A planted mistake in the splits (tests only): the split audits must then fail.</param>
public sealed class SupervisedUnsupervisedExperiment(SplitBug bug) : IExperiment
{
    public SupervisedUnsupervisedExperiment() : this(SplitBug.None) { }

    public string GoalId => "1.6-1";
    public string Title => "Supervised and unsupervised learning with ML.NET: held-out scores, k-fold, overfitting, K-means, PCA";

    // Targets (README, "What the figures mean"): each is a check below.
    internal const double DigitsAccuracyTarget = 0.90;
    internal const double CrossValidationTarget = 0.93;
    internal const double DiabetesRSquaredTarget = 0.30;
    internal const double OverfitRatioTarget = 1.10;
    internal const double PurityTarget = 0.90;

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed: context.Seed);
        var builder = new FindingBuilder(GoalId, Title);
        var folder = SklearnDatasets.Folder;
        builder.Note($"Data: scikit-learn's CSV files from Debian's python3-sklearn, read from {folder}.");

        // 1. Classification, stratified 60/20/20.
        context.Report(0.05, "digits: stratified split and a multinomial logistic regression");
        var digits = SklearnDatasets.Digits();
        var split = DataSplits.Stratified(digits.Labels, 0.6, 0.2, context.Seed, bug);
        var splitProblems = DataSplits.Audit(split, digits.Count);
        var clock = Stopwatch.StartNew();
        var classifier = SupervisedModels.FitClassifier(ml, digits.Subset(split.Train));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var validation = SupervisedModels.ScoreClassifier(ml, classifier, digits.Subset(split.Validation));
        var test = SupervisedModels.ScoreClassifier(ml, classifier, digits.Subset(split.Test));
        var majority = SupervisedModels.MajorityBaseline(split.Train.Select(i => digits.Labels[i]).ToList(), split.Test.Select(i => digits.Labels[i]).ToList());
        builder.Check(splitProblems.Count == 0, $"the digits split is a partition: train, validation and test share no row ({(splitProblems.Count == 0 ? "none" : string.Join("; ", splitProblems))})");
        builder.Check(test.Accuracy >= DigitsAccuracyTarget, F($"digits: test accuracy {test.Accuracy:P1} ≥ {DigitsAccuracyTarget:P0} (majority baseline {majority:P1})"));

        // 2. k-fold cross-validation.
        context.Report(0.25, "breast cancer: 5-fold cross-validation");
        var cancer = SklearnDatasets.BreastCancer();
        var folds = DataSplits.KFold(cancer.Count, 5, context.Seed, cancer.Labels, bug);
        var foldProblems = DataSplits.Audit(folds, cancer.Count);
        clock.Restart();
        var cv = CrossValidation.Run(folds, (train, held) =>
            SupervisedModels.ScoreClassifier(ml, SupervisedModels.FitClassifier(ml, cancer.Subset(train)), cancer.Subset(held)).Accuracy);
        var cvSeconds = clock.Elapsed.TotalSeconds;
        builder.Check(foldProblems.Count == 0, $"the 5 folds hold every row out exactly once and never train on it ({(foldProblems.Count == 0 ? "none" : string.Join("; ", foldProblems))})");
        builder.Check(cv.Mean >= CrossValidationTarget, F($"breast cancer: 5-fold mean accuracy {cv.Mean:P1} (± {cv.StandardDeviation:P1}) ≥ {CrossValidationTarget:P0}"));

        // 3. Regression and the overfitting sweep.
        context.Report(0.4, "diabetes: linear regression and the regression-tree complexity sweep");
        var diabetes = SklearnDatasets.Diabetes();
        var regressionSplit = DataSplits.Stratified(new int[diabetes.Count], 0.6, 0.2, context.Seed, bug);
        var regressionProblems = DataSplits.Audit(regressionSplit, diabetes.Count);
        var (dTrain, dValidation, dTest) = (diabetes.Subset(regressionSplit.Train), diabetes.Subset(regressionSplit.Validation), diabetes.Subset(regressionSplit.Test));
        var linear = SupervisedModels.ScoreRegression(ml, SupervisedModels.FitLinearRegression(ml, dTrain), dTest);
        builder.Check(regressionProblems.Count == 0, "the diabetes split is a partition");
        builder.Check(linear.RSquared >= DiabetesRSquaredTarget, F($"diabetes: linear regression test R² {linear.RSquared:F3} ≥ {DiabetesRSquaredTarget:F2} (predicting the mean scores 0)"));
        int[] leafCounts = context.Size<int[]>([2, 4, 8, 16, 64, 256], [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256]);
        clock.Restart();
        var sweep = ComplexitySweep.TreeLeaves(ml, dTrain, dValidation, leafCounts);
        var sweepSeconds = clock.Elapsed.TotalSeconds;
        var best = ComplexitySweep.Best(sweep);
        var largest = sweep[^1];
        var selectedTest = SupervisedModels.ScoreRegression(ml, SupervisedModels.FitRegressionTree(ml, dTrain, best.Complexity), dTest);
        builder.Check(largest.TrainError < 0.5 * largest.ValidationError,
            F($"overfitting: with {largest.Complexity} leaves the training RMSE {largest.TrainError:F1} is under half the validation RMSE {largest.ValidationError:F1}"));
        builder.Check(best.Complexity < largest.Complexity && largest.ValidationError >= OverfitRatioTarget * best.ValidationError,
            F($"overfitting: validation RMSE is lowest at {best.Complexity} leaves ({best.ValidationError:F1}) and {largest.ValidationError / best.ValidationError:F2}× that at {largest.Complexity} leaves (target ≥ {OverfitRatioTarget:F2}×)"));
        builder.Table(FindingTable.Of("A regression tree on diabetes: RMSE against its number of leaves (at least 2 rows a leaf)",
            ["leaves", "train RMSE", "validation RMSE", "gap"],
            sweep.Select(p => new object[] { p.Complexity, Math.Round(p.TrainError, 2), Math.Round(p.ValidationError, 2), Math.Round(p.Gap, 2) })));

        // 4. Unsupervised: K-means and PCA on wine.
        context.Report(0.7, "wine: K-means for k = 2…6 and PCA");
        var wine = SklearnDatasets.Wine();
        var silhouettes = new List<(int K, double Silhouette)>();
        double purity = 0, silhouette3 = 0, randomSilhouette = 0;
        foreach (var k in Enumerable.Range(2, 5))
        {
            var (clusters, points) = Clustering.KMeans(ml, wine, k);
            var s = ClusterQuality.Silhouette(points, clusters);
            silhouettes.Add((k, s));
            if (k != 3) continue;
            silhouette3 = s;
            purity = ClusterPurity.Of(clusters, wine.Labels);
            var random = new Random(context.Seed);
            randomSilhouette = ClusterQuality.Silhouette(points, [.. clusters.Select(_ => random.Next(3))]);
        }
        builder.Check(purity >= PurityTarget, F($"K-means (k = 3) recovers the three cultivars without labels: purity {purity:P1} ≥ {PurityTarget:P0}"));
        builder.Check(silhouette3 > randomSilhouette + 0.2, F($"K-means (k = 3) silhouette {silhouette3:F3} exceeds a random 3-way assignment's {randomSilhouette:F3} by more than 0.2"));
        var pca = PrincipalComponents.Project(ml, wine, rank: 2, context.Seed);
        var reference = EigenReference.ExplainedVarianceRatios(wine.Features);
        var pcaError = pca.ExplainedVarianceRatios.Select((r, j) => Math.Abs(r - reference[j])).Max();
        builder.Check(pcaError < 1e-3, F($"PCA explained variance (ML.NET projection) matches the covariance eigendecomposition within 1e-3 (largest difference {pcaError:E1})"));
        var digitsPca = PrincipalComponents.Project(ml, digits, rank: 2, context.Seed);

        builder.Plot(SweepPlot(context, sweep));
        builder.Plot(PcaPlot(context, wine, pca));
        builder.Table(FindingTable.Of("K-means on standardised wine: silhouette by k", ["k", "silhouette"],
            silhouettes.Select(s => new object[] { s.K, Math.Round(s.Silhouette, 3) })));
        builder.Table(FindingTable.Of("Held-out scores", ["data set", "model", "score"],
        [
            ["digits (validation)", "L-BFGS maximum entropy", F($"accuracy {validation.Accuracy:P1}")],
            ["digits (test)", "L-BFGS maximum entropy", F($"accuracy {test.Accuracy:P1}, macro {test.MacroAccuracy:P1}, log-loss {test.LogLoss:F3}")],
            ["breast cancer (5 folds)", "L-BFGS maximum entropy", F($"accuracy {cv.Mean:P1} ± {cv.StandardDeviation:P1}")],
            ["diabetes (test)", "linear SDCA", F($"R² {linear.RSquared:F3}, RMSE {linear.RootMeanSquaredError:F1}")],
            ["diabetes (test)", $"regression tree, {best.Complexity} leaves (chosen on validation)", F($"R² {selectedTest.RSquared:F3}, RMSE {selectedTest.RootMeanSquaredError:F1}")],
        ]));

                return Task.FromResult(builder
            .Figure("digits test accuracy", test.Accuracy * 100, "%", key: true, target: F($"≥ {DigitsAccuracyTarget * 100:F0} %"))
            .Figure("digits majority baseline", majority * 100, "%")
            .Figure("breast cancer 5-fold accuracy", cv.Mean * 100, "%", key: true, target: F($"≥ {CrossValidationTarget * 100:F0} %"))
            .Figure("breast cancer 5-fold accuracy, standard deviation", cv.StandardDeviation * 100, "%")
            .Figure("diabetes linear test R²", linear.RSquared, "", target: F($"≥ {DiabetesRSquaredTarget:F2}"))
            .Figure("tree leaves at the lowest validation error", best.Complexity, "")
            .Figure("validation RMSE, most leaves / best", largest.ValidationError / best.ValidationError, "×", key: true, target: F($"≥ {OverfitRatioTarget:F2}"))
            .Figure("wine K-means purity (k = 3)", purity * 100, "%", target: F($"≥ {PurityTarget * 100:F0} %"))
            .Figure("wine K-means silhouette (k = 3)", silhouette3, "", key: true)
            .Figure("wine PCA explained variance, 2 components", pca.CumulativeExplainedVariance * 100, "%", key: true)
            .Figure("digits PCA explained variance, 2 components", digitsPca.CumulativeExplainedVariance * 100, "%")
            .Figure("digits classifier fit time", fitSeconds, "s")
            .Figure("digits classifier training throughput", split.Train.Length / fitSeconds, "rows/s")
            .Figure("breast cancer 5-fold cross-validation time", cvSeconds, "s")
            .Figure("tree sweep throughput", leafCounts.Length * dTrain.Count / sweepSeconds, "rows/s")
            .Note("Regression split: the diabetes target is continuous, so its split is random (one stratum).")
            .Note("The complexity is chosen on the validation rows; the test rows score only the chosen model.")
            .Build(string.Create(CultureInfo.InvariantCulture, $"Digits: test accuracy {test.Accuracy:P1} (majority {majority:P1}); breast cancer 5-fold accuracy {cv.Mean:P1} ± {cv.StandardDeviation:P1}; " +
                     $"diabetes linear R² {linear.RSquared:F3}; a regression tree's validation RMSE lowest at {best.Complexity} leaves, {largest.ValidationError / best.ValidationError:F2}× that at {largest.Complexity}; " +
                     $"wine K-means silhouette {silhouette3:F3}, purity {purity:P1}; PCA 2 components explain {pca.CumulativeExplainedVariance:P1} of wine's variance.")));
    }

    private static ScottPlot.Plot SweepPlotOf(IReadOnlyList<ComplexityPoint> sweep)
    {
        var plot = new ScottPlot.Plot();
        var xs = sweep.Select(p => Math.Log2(p.Complexity)).ToArray();
        var train = plot.Add.Scatter(xs, sweep.Select(p => p.TrainError).ToArray());
        train.LegendText = "training RMSE";
        var validation = plot.Add.Scatter(xs, sweep.Select(p => p.ValidationError).ToArray());
        validation.LegendText = "validation RMSE";
        plot.Axes.Bottom.SetTicks(xs, [.. sweep.Select(p => p.Complexity.ToString(CultureInfo.InvariantCulture))]);
        plot.XLabel("leaves of the regression tree (log scale)");
        plot.YLabel("RMSE (disease progression units)");
        plot.Title("Diabetes: training error keeps falling, validation error turns back up");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return plot;
    }

    private static PlotRef SweepPlot(ExperimentContext context, IReadOnlyList<ComplexityPoint> sweep) =>
        context.SavePlot(SweepPlotOf(sweep), "overfitting.png", "Train and validation RMSE against model size (a regression tree on diabetes)");

    private static PlotRef PcaPlot(ExperimentContext context, TabularDataset wine, PcaResult pca)
    {
        var plot = new ScottPlot.Plot();
        for (var c = 0; c < wine.ClassCount; c++)
        {
            var rows = Enumerable.Range(0, wine.Count).Where(i => wine.Labels[i] == c).ToArray();
            var points = plot.Add.Scatter(rows.Select(i => (double)pca.Projections[i][0]).ToArray(), rows.Select(i => (double)pca.Projections[i][1]).ToArray());
            points.LineWidth = 0;
            points.MarkerSize = 6;
            points.LegendText = wine.ClassNames![c];
        }
        plot.XLabel(F($"PC1 ({pca.ExplainedVarianceRatios[0]:P1} of variance)"));
        plot.YLabel(F($"PC2 ({pca.ExplainedVarianceRatios[1]:P1} of variance)"));
        plot.Title("Wine, standardised, on its first two principal components (labels only colour the points)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return context.SavePlot(plot, "pca-wine.png", "Wine projected on two principal components, coloured by cultivar");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
