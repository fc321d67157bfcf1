using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.LearningData.Neural;
using StatelessMind.Labs.LearningData.Preprocessing;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData;

/// <summary>
/// Goal 1.6-2: full preprocessing of the real diabetes table (ordinal age band, nominal sex, eight measurements on
/// different scales, 5 % of cells missing) for a TorchSharp MLP that predicts whether the disease progresses more than
/// the training median. The pipeline is fitted on the training rows only (and checked for leaks), saved, reloaded and
/// applied identically at inference; the MLP must beat the majority baseline by a stated margin; and the same network is
/// trained on standardised, min–max and raw features to show what preprocessing does to training.
/// </summary>
/// <param name="bug">A planted mistake (tests only): fitting the pipeline on every row must fail the leak check.</param>
public sealed class PreprocessingExperiment(PreprocessingBug bug) : IExperiment
{
    public PreprocessingExperiment() : this(PreprocessingBug.None) { }

    public string GoalId => "1.6-2";
    public string Title => "Leak-free preprocessing (imputation, scaling, one-hot and ordinal encoding) for a TorchSharp MLP";

    internal const double MissingFraction = 0.05;
    internal const double MarginTarget = 0.10; // accuracy points above the majority baseline

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var (table, progression) = DiabetesTable.Load(MissingFraction, context.Seed);
        var split = DataSplits.Stratified(new int[table.Count], 0.6, 0.2, context.Seed);
        var threshold = Median(split.Train.Select(i => (double)progression[i]));
        var labels = progression.Select(p => p > threshold ? 1 : 0).ToArray();
        int[] Labels(int[] rows) => [.. rows.Select(i => labels[i])];
        var options = new MlpOptions { Epochs = context.Size(150, 400), Seed = context.Seed };

        context.Report(0.1, "leak check: refit with every held-out row altered");
        var spec = DiabetesTable.Spec();
        var leaks = PreprocessingWorkflow.LeakedStatistics(table, split, spec, bug);
        builder.Check(leaks.Count == 0, $"no held-out statistic leaks into the fit: altering every validation and test row changes no fitted value ({(leaks.Count == 0 ? "none changed" : $"{leaks.Count} changed, e.g. {leaks[0]}")})");

        context.Report(0.3, "fit, encode, train the MLP on standardised features");
        var prepared = PreprocessingWorkflow.Prepare(table, split, spec, bug);
        var clock = Stopwatch.StartNew();
        using var mlp = MlpClassifier.Train(prepared.Train, Labels(split.Train), 2, options);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var validationAccuracy = MlpClassifier.Accuracy(mlp.Predict(prepared.Validation), Labels(split.Validation));
        var testAccuracy = MlpClassifier.Accuracy(mlp.Predict(prepared.Test), Labels(split.Test));
        var majority = SupervisedModels.MajorityBaseline(Labels(split.Train), Labels(split.Test));
        builder.Check(testAccuracy >= majority + MarginTarget,
            F($"the MLP's test accuracy {testAccuracy:P1} beats the majority baseline {majority:P1} by {(testAccuracy - majority) * 100:F1} points (target ≥ {MarginTarget * 100:F0})"));

        context.Report(0.5, "save, reload, predict from raw rows");
        var folder = Path.Combine(context.OutputDirectory.FullName, "model");
        new PreprocessedModel(prepared.Fitted, mlp).Save(folder);
        using var reloaded = PreprocessedModel.Load(folder);
        var testRows = table.Subset(split.Test);
        var reencoded = reloaded.Preprocessor.Transform(testRows);
        var identicalFeatures = reencoded.Zip(prepared.Test).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        var identicalPredictions = reloaded.Predict(testRows).SequenceEqual(mlp.Predict(prepared.Test));
        builder.Check(identicalFeatures && identicalPredictions && reloaded.Preprocessor.SameStateAs(prepared.Fitted),
            "the reloaded pipeline encodes the raw test rows bit for bit as in training, and the reloaded model predicts the same classes");

        context.Report(0.7, "the same network on min-max and on raw features");
        var minMax = PreprocessingWorkflow.Prepare(table, split, DiabetesTable.Spec(NumericScaling.MinMax), bug);
        using var minMaxMlp = MlpClassifier.Train(minMax.Train, Labels(split.Train), 2, options);
        var minMaxAccuracy = MlpClassifier.Accuracy(minMaxMlp.Predict(minMax.Test), Labels(split.Test));
        var raw = RawEncoding(table);
        using var rawMlp = MlpClassifier.Train([.. split.Train.Select(i => raw[i])], Labels(split.Train), 2, options);
        var rawAccuracy = MlpClassifier.Accuracy(rawMlp.Predict([.. split.Test.Select(i => raw[i])]), Labels(split.Test));
        var firstLossRaw = rawMlp.LossHistory[0];
        builder.Check(mlp.LossHistory[^1] < rawMlp.LossHistory[^1],
            F($"preprocessing helps training: after {options.Epochs} epochs the training loss is {mlp.LossHistory[^1]:F3} on standardised features vs {rawMlp.LossHistory[^1]:F3} on raw ones"));

        builder.Plot(LossPlot(context, mlp, minMaxMlp, rawMlp, options.Epochs));
        builder.Table(FindingTable.Of("The same MLP (32 hidden units, Adam, same seed) on three encodings of the same rows", ["features", "first-epoch loss", "final training loss", "test accuracy"],
        [
            ["standardised + one-hot + ordinal", Math.Round(mlp.LossHistory[0], 3), Math.Round(mlp.LossHistory[^1], 3), F($"{testAccuracy:P1}")],
            ["min-max + one-hot + ordinal", Math.Round(minMaxMlp.LossHistory[0], 3), Math.Round(minMaxMlp.LossHistory[^1], 3), F($"{minMaxAccuracy:P1}")],
            ["raw (missing as 0, codes as numbers)", Math.Round(firstLossRaw, 3), Math.Round(rawMlp.LossHistory[^1], 3), F($"{rawAccuracy:P1}")],
        ]));
        builder.Table(FindingTable.Of("Fitted on the training rows: a few of the pipeline's statistics", ["column", "fill", "centre", "scale", "categories"],
            prepared.Fitted.Columns.Take(5).Select(c => new object[]
            {
                c.Name, c.Kind == ColumnKind.Numeric ? Math.Round(c.Fill, 3) : c.FillCategory ?? "", Math.Round(c.Center, 3), Math.Round(c.Scale, 3), string.Join(" | ", c.Categories),
            })));

        return Task.FromResult(builder
            .Figure("MLP test accuracy", testAccuracy * 100, "%", key: true)
            .Figure("majority baseline", majority * 100, "%")
            .Figure("margin over the majority baseline", (testAccuracy - majority) * 100, "points", key: true, target: F($"≥ {MarginTarget * 100:F0}"))
            .Figure("MLP validation accuracy", validationAccuracy * 100, "%")
            .Figure("min-max features test accuracy", minMaxAccuracy * 100, "%")
            .Figure("raw features test accuracy", rawAccuracy * 100, "%", key: true)
            .Figure("final training loss, raw / standardised", rawMlp.LossHistory[^1] / mlp.LossHistory[^1], "×")
            .Figure("MLP training time", trainSeconds, "s")
            .Figure("MLP training throughput", split.Train.Length * (double)options.Epochs / trainSeconds, "rows/s")
            .Figure("encoded features", prepared.Fitted.OutputWidth, "")
            .Note(F($"Label: progression above the training rows' median ({threshold:F1}), so the classes are balanced by construction on the training rows."))
            .Note(F($"Missing cells: each measurement and sex cell blanked independently with probability {MissingFraction:P0} (seed {context.Seed})."))
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"Diabetes ({table.Count} rows, {prepared.Fitted.OutputWidth} encoded features): MLP test accuracy {testAccuracy:P1} vs majority {majority:P1}; " +
                $"min-max {minMaxAccuracy:P1}, raw {rawAccuracy:P1}; {leaks.Count} fitted statistics changed when held-out rows were altered.")));
    }

    /// <summary>What a network gets without preprocessing: numbers as they are, a missing cell as 0, codes as numbers.</summary>
    private static float[][] RawEncoding(RawTable table) =>
        [.. table.Rows.Select(row => row.Select((cell, c) => c == 0 ? Array.IndexOf(DiabetesTable.AgeBands, cell)
            : cell is null ? 0f : float.Parse(cell, CultureInfo.InvariantCulture)).ToArray())];

    private static PlotRef LossPlot(ExperimentContext context, MlpClassifier standardised, MlpClassifier minMax, MlpClassifier raw, int epochs)
    {
        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        foreach (var (model, name) in new[] { (standardised, "standardised"), (minMax, "min-max"), (raw, "raw") })
        {
            var line = plot.Add.Scatter(xs, [.. model.LossHistory.Select(l => Math.Log10(l))]);
            line.MarkerSize = 0;
            line.LegendText = name;
        }
        plot.XLabel("epoch");
        plot.YLabel("training cross-entropy (log10)");
        plot.Title("The same MLP on three encodings of the diabetes rows");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return context.SavePlot(plot, "training-loss.png", "Training loss per epoch: standardised, min-max and raw features");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
