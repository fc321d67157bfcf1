using Microsoft.ML;
using Microsoft.ML.Trainers;
using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>K-means with ML.NET (k-means++ initialisation, Yinyang-accelerated Lloyd iterations) on standardised features:
/// each point's cluster and the standardised points themselves (the space the silhouette is measured in).</summary>
public static class Clustering
{
    public static (int[] Clusters, float[][] Points) KMeans(MLContext ml, TabularDataset data, int k)
    {
        var model = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                NumberOfClusters = k,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                NumberOfThreads = 1,
            }))
            .Fit(MlData.ToDataView(ml, data));
        var scored = model.Transform(MlData.ToDataView(ml, data));
        return (MlData.KeysAsIndices(scored, "PredictedLabel"), MlData.Vectors(scored, "Features"));
    }
}
