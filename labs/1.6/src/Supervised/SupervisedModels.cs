using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;
using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>
/// The ML.NET models of goal 1.6-1, each a pipeline fitted on the training rows only (the normaliser learns its
/// means and variances there, as scikit-learn's Pipeline would): a multinomial logistic regression (L-BFGS maximum
/// entropy, scikit-learn's LogisticRegression) for classification, a linear SDCA regression, and a regression tree (FastTree with one tree and no
/// shrinkage) whose number of leaves is the complexity knob of the overfitting sweep.
/// </summary>
public static class SupervisedModels
{
    public static ITransformer FitClassifier(MLContext ml, TabularDataset train) =>
        ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }))
            .Fit(MlData.ToDataView(ml, train));

    public static ClassificationScore ScoreClassifier(MLContext ml, ITransformer model, TabularDataset test)
    {
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(MlData.ToDataView(ml, test)));
        return new ClassificationScore(metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss);
    }

    /// <summary>The classifier's predicted class index for each row of <paramref name="data"/>.</summary>
    public static int[] Predict(MLContext ml, ITransformer model, TabularDataset data) =>
        MlData.KeysAsIndices(model.Transform(MlData.ToDataView(ml, data)), "PredictedLabel");

    public static ITransformer FitLinearRegression(MLContext ml, TabularDataset train) =>
        ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Regression.Trainers.Sdca())
            .Fit(MlData.ToDataView(ml, train));

    /// <summary>One regression tree of up to <paramref name="leaves"/> leaves (each leaf predicts the mean of its rows),
    /// leaves as small as 2 rows: more leaves fit the training rows ever more closely.</summary>
    public static ITransformer FitRegressionTree(MLContext ml, TabularDataset train, int leaves) =>
        ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = 1,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = 2,
            LearningRate = 1.0,
            NumberOfThreads = 1,
        }).Fit(MlData.ToDataView(ml, train));

    public static RegressionScore ScoreRegression(MLContext ml, ITransformer model, TabularDataset test)
    {
        var metrics = ml.Regression.Evaluate(model.Transform(MlData.ToDataView(ml, test)));
        return new RegressionScore(metrics.RSquared, metrics.RootMeanSquaredError, metrics.MeanAbsoluteError);
    }

    /// <summary>Accuracy of always predicting the training set's most frequent class.</summary>
    public static double MajorityBaseline(IReadOnlyList<int> trainLabels, IReadOnlyList<int> testLabels)
    {
        var majority = trainLabels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return testLabels.Count(l => l == majority) / (double)testLabels.Count;
    }
}
