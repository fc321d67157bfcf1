using System.Diagnostics;
using StatelessMind.Dataflow;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// Goal 4.3-3: blocked ALS on the dataflow layer over a generated rating matrix of known rank and noise: held-out RMSE
/// per iteration against the noise floor σ and against predicting the mean; precision@10 and recall@10 against a
/// popularity ranking; equality with the unblocked PLINQ implementation; iterations per second of both.
/// </summary>
public sealed class AlsExperiment : IExperiment
{
    public const string HeldOutRmse = "held-out RMSE";
    public const string RmseOverNoise = "held-out RMSE / noise σ";
    public const string PrecisionAt10 = "precision@10, ALS";
    public const string PopularityPrecisionAt10 = "precision@10, popularity";
    public const string IterationsRatio = "iterations/s, blocked on the layer / unblocked PLINQ";

    private const double Sigma = 0.5;

    public string GoalId => "4.3-3";
    public string Title => "Collaborative filtering with blocked ALS: held-out RMSE against the noise floor, precision@k and recall@k";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var loadBefore = Dataflow.Metrics.MachineLoad.Describe();
        var generator = new RatingGenerator(context.Size(800, 6000), context.Size(400, 2000), Rank: 5, NoiseSigma: Sigma, Seed: context.Seed);
        var all = generator.Generate();
        var (train, test) = RatingGenerator.Split(all);
        var options = new AlsOptions { Rank = 8, Lambda = 0.05, Iterations = 10, Blocks = 4, Seed = context.Seed };
        using var ctx = new DataflowContext(new DataflowOptions { CancellationToken = cancellationToken });
        var trainSet = ctx.Parallelize(train, 8).Cache();
        trainSet.Count();

        context.Report(0.05, "blocked ALS");
        var rmseByIteration = new List<double>();
        var start = Stopwatch.GetTimestamp();
        var blocked = BlockedAls.Train(trainSet, options, (_, m) => rmseByIteration.Add(RecommendationMetrics.Rmse(test, m.Predict)));
        var blockedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        context.Report(0.4, "unblocked ALS");
        start = Stopwatch.GetTimestamp();
        var unblocked = UnblockedAls.Train(train, options);
        var unblockedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var rmse = rmseByIteration[^1];
        var meanRmse = RecommendationMetrics.Rmse(test, (_, _) => blocked.Mean);
        finding.Figure(HeldOutRmse, rmse, "", key: true);
        finding.Figure("noise floor σ", Sigma, "");
        finding.Figure(RmseOverNoise, rmse / Sigma, "×", key: true, target: "≤ 1.15");
        finding.Figure("held-out RMSE predicting the mean", meanRmse, "");
        finding.Figure("training ratings", train.Count, "ratings");
        finding.Figure("held-out ratings", test.Count, "ratings");
        finding.Check(rmse <= 1.15 * Sigma, $"held-out RMSE {rmse:0.###} is within 1.15× the noise floor σ = {Sigma} that no model can beat");
        finding.Check(rmseByIteration[^1] < rmseByIteration[0] && rmse < 0.6 * meanRmse,
            $"RMSE falls over the iterations ({rmseByIteration[0]:0.###} → {rmse:0.###}) and is far below predicting the mean ({meanRmse:0.###})");
        var difference = blocked.MaxFactorDifference(unblocked);
        finding.Figure("largest factor difference, blocked vs unblocked", difference, "");
        finding.Check(difference <= 1e-6, $"the blocked ALS on the layer computes the same factors as the unblocked one (largest difference {difference:E1})");

        context.Report(0.6, "ranking metrics");
        var items = train.Select(r => r.Item).Distinct().Order().ToArray();
        var popularity = train.GroupBy(r => r.Item).ToDictionary(g => g.Key, g => (double)g.Count());
        var seen = train.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.Select(r => r.Item).ToHashSet());
        // Ground truth: the unseen items a user would rate at least one standard deviation of the signal above the mean.
        var liked = seen.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<int>)items
            .Where(i => !kv.Value.Contains(i) && generator.TrueRating(kv.Key, i) >= RatingGenerator.Mean + 1).ToHashSet());
        var als = RecommendationMetrics.AtK(train, liked, items, blocked.Predict, 10);
        var popular = RecommendationMetrics.AtK(train, liked, items, (_, i) => popularity.GetValueOrDefault(i), 10);
        var alsHeldOut = RecommendationMetrics.AtK(train, test, items, blocked.Predict, 10, RatingGenerator.Mean + 1);
        var popularHeldOut = RecommendationMetrics.AtK(train, test, items, (_, i) => popularity.GetValueOrDefault(i), 10, RatingGenerator.Mean + 1);
        finding.Figure(PrecisionAt10, als.Precision, "", key: true);
        finding.Figure("recall@10, ALS", als.Recall, "");
        finding.Figure(PopularityPrecisionAt10, popular.Precision, "", key: true);
        finding.Figure("recall@10, popularity", popular.Recall, "");
        finding.Table(FindingTable.Of($"Top-10 recommendations among each user's unseen items ({als.Users} users)",
            ["ranking", "precision@10, truly liked", "recall@10, truly liked", "precision@10, held-out ≥ 4.5", "recall@10, held-out ≥ 4.5"],
            [
                ["ALS", als.Precision, als.Recall, alsHeldOut.Precision, alsHeldOut.Recall],
                ["popularity", popular.Precision, popular.Recall, popularHeldOut.Precision, popularHeldOut.Recall],
            ]));
        finding.Check(als.Precision > 2 * popular.Precision && als.Recall > 2 * popular.Recall,
            $"ALS finds the items a user truly likes (noise-free rating ≥ {RatingGenerator.Mean + 1}) more than twice as often as popularity does " +
            $"(precision@10 {als.Precision:0.###} against {popular.Precision:0.###})");
        finding.Note("On held-out ratings alone, popularity looks better than it is: which items get rated at all is driven by popularity here, " +
                     "as in real data, so the held-out columns of the table reward predicting what gets rated, not what is liked.");

        context.Report(0.75, "planted bugs");
        var sparse = new RatingGenerator(context.Size(400, 2000), context.Size(200, 1000), Rank: 5, NoiseSigma: Sigma, Seed: context.Seed + 1)
        {
            MinimumPerUser = 5,
            ExtraPerUser = 5,
        };
        var (sparseTrain, sparseTest) = RatingGenerator.Split(sparse.Generate());
        var sparseSet = ctx.Parallelize(sparseTrain, 8);
        var regularized = RecommendationMetrics.Rmse(sparseTest, BlockedAls.Train(sparseSet, options with { Iterations = 5 }).Predict);
        var noRegRmse = RecommendationMetrics.Rmse(sparseTest, BlockedAls.Train(sparseSet, options with { Bug = AlsBug.NoRegularization, Iterations = 5 }).Predict);
        var routing = BlockedAls.Train(trainSet, options with { Bug = AlsBug.RoutingSkipsLastBlock, Iterations = 2 });
        var routingReference = UnblockedAls.Train(train, options with { Iterations = 2 });
        finding.Figure("held-out RMSE, sparse ratings (about 10 per user), λ = 0.05", regularized, "");
        finding.Figure("held-out RMSE, sparse ratings, without regularization (planted bug)", noRegRmse, "");
        finding.Check(!(noRegRmse <= 1.3 * regularized) && routing.MaxFactorDifference(routingReference) > 1e-6,
            $"the checks catch both planted bugs: without regularization, on sparse ratings, held-out RMSE is {noRegRmse:0.###} against {regularized:0.###}; " +
            "routing that skips a block gives factors that differ from the unblocked run");

        finding.Figure("iterations/s, blocked on the layer", options.Iterations / blockedSeconds, "it/s");
        finding.Figure("iterations/s, unblocked PLINQ", options.Iterations / unblockedSeconds, "it/s");
        finding.Figure(IterationsRatio, unblockedSeconds / blockedSeconds, "×", key: true);
        var prep = new AlsPreparationJob(options.Blocks).Run(train);
        finding.Table(FindingTable.Of("Ratings per user block (the in-blocks; the SQL-expressible preparation)", ["user block", "ratings"],
            prep.RatingsPerBlock.Select((n, b) => new object?[] { b, n })));

        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(1, rmseByIteration.Count).Select(i => (double)i).ToArray();
        var line = plot.Add.Scatter(xs, [.. rmseByIteration]);
        line.LegendText = "held-out RMSE, blocked ALS";
        var floor = plot.Add.HorizontalLine(Sigma);
        floor.LegendText = $"noise floor σ = {Sigma}";
        floor.LinePattern = ScottPlot.LinePattern.Dashed;
        var baseline = plot.Add.HorizontalLine(meanRmse);
        baseline.LegendText = "predicting the mean";
        baseline.LinePattern = ScottPlot.LinePattern.Dotted;
        plot.Title($"ALS on {train.Count:N0} ratings (true rank 5, model rank {options.Rank}, λ = {options.Lambda})");
        plot.XLabel("iteration");
        plot.YLabel("RMSE on held-out ratings");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "als-rmse.png", "Held-out RMSE by iteration, against the noise floor and the mean"));

        finding.Note($"Machine load: {loadBefore} at the start, {Dataflow.Metrics.MachineLoad.Describe()} at the end; timings are only comparable within one run.");

        return Task.FromResult(finding.Build(
            $"Blocked ALS ({options.Blocks} blocks per side, rank {options.Rank}, λ = {options.Lambda}, {options.Iterations} iterations) trained on {train.Count:N0} generated ratings " +
            $"of {generator.Users:N0} users and {generator.Items:N0} items (true rank 5, Gaussian noise σ = {Sigma}) and was evaluated on {test.Count:N0} held-out ratings."));
    }
}
