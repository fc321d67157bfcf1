using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>K-means with ML.NET's trainer (scikit-learn's role): k-means++ initialisation (or random, to compare),
/// Lloyd iterations; the centroids are read back from the trained model.</summary>
public static class MlNetKMeans
{
    public static KMeansResult Fit(float[][] points, int k, int seed, bool kMeansPlusPlus = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length == 0) throw new ArgumentException("K-means needs points.", nameof(points));
        var dimensions = points[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Point));
        schema[nameof(Point.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Point { Features = p }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = kMeansPlusPlus ? KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus : KMeansTrainer.InitializationAlgorithm.Random,
            MaximumNumberOfIterations = 300,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = 1, // deterministic for a seed
        });
        var model = trainer.Fit(data);
        var predictions = model.Transform(data);
        var labels = predictions.GetColumn<uint>("PredictedLabel").Select(l => (int)l - 1).ToArray();
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var found);
        var metrics = ml.Clustering.Evaluate(predictions, scoreColumnName: "Score", featureColumnName: nameof(Point.Features));
        return new KMeansResult(found, labels, [.. centroids.Take(found).Select(c => c.DenseValues().ToArray())], metrics.AverageDistance);
    }

    private sealed class Point
    {
        public float[] Features { get; set; } = [];
    }
}
