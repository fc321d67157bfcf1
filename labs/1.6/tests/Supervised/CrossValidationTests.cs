using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests.Supervised;

public sealed class CrossValidationTests
{
    [Fact]
    [Goal("1.6-1")]
    public void Each_fold_is_fitted_on_its_training_rows_and_scored_on_its_held_out_rows()
    {
        var folds = DataSplits.KFold(40, 4, seed: 11);
        var seen = new List<(int[] Train, int[] Held)>();
        var result = CrossValidation.Run(folds, (train, held) =>
        {
            seen.Add((train, held));
            return held.Length;
        });
        Assert.Equal(folds.Select(f => f.Validation), seen.Select(s => s.Held));
        Assert.Equal(folds.Select(f => f.Train), seen.Select(s => s.Train));
        Assert.Equal([10.0, 10, 10, 10], result.FoldScores);
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_result_is_the_mean_and_sample_standard_deviation_of_the_fold_scores()
    {
        var folds = DataSplits.KFold(4, 4, seed: 1);
        var scores = new Queue<double>([0.8, 0.9, 1.0, 0.7]);
        var result = CrossValidation.Run(folds, (_, _) => scores.Dequeue());
        Assert.Equal(0.85, result.Mean, 12);
        // Sample variance of {0.8, 0.9, 1.0, 0.7}: (0.0025 + 0.0025 + 0.0225 + 0.0225) / 3.
        Assert.Equal(Math.Sqrt(0.05 / 3), result.StandardDeviation, 12);
    }

    [Fact]
    [Goal("1.6-1")]
    public void Cross_validating_a_real_classifier_on_iris_scores_well_above_chance()
    {
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var iris = SklearnDatasets.Iris();
        var result = CrossValidation.Run(DataSplits.KFold(iris.Count, 5, 1, iris.Labels), (train, held) =>
            SupervisedModels.ScoreClassifier(ml, SupervisedModels.FitClassifier(ml, iris.Subset(train)), iris.Subset(held)).Accuracy);
        Assert.InRange(result.Mean, 0.85, 1.0);
    }
}
