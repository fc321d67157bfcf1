using Microsoft.ML;
using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>
/// The overfitting picture: regression trees of growing size (number of leaves), each fitted on the training rows and
/// scored (RMSE) on them and on validation rows. Training error falls until every leaf holds a couple of rows; validation
/// error falls, bottoms out, and rises again once the leaves start fitting the training rows' noise. The best complexity is chosen on
/// validation rows, never on the test rows, which stay untouched for the final score.
/// </summary>
public static class ComplexitySweep
{
    public static IReadOnlyList<ComplexityPoint> TreeLeaves(MLContext ml, TabularDataset train, TabularDataset validation, IReadOnlyList<int> leafCounts) =>
        [.. leafCounts.Select(leaves =>
        {
            var model = SupervisedModels.FitRegressionTree(ml, train, leaves);
            return new ComplexityPoint(leaves, SupervisedModels.ScoreRegression(ml, model, train).RootMeanSquaredError,
                SupervisedModels.ScoreRegression(ml, model, validation).RootMeanSquaredError);
        })];

    /// <summary>The point with the lowest validation error (the first one on a tie).</summary>
    public static ComplexityPoint Best(IReadOnlyList<ComplexityPoint> points) => points.MinBy(p => p.ValidationError)
        ?? throw new ArgumentException("No points.", nameof(points));
}
