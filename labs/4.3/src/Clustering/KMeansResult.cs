namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>A clustering: each point's cluster (0-based), the centroids, and ML.NET's own average distance metric.</summary>
public sealed record KMeansResult(int K, int[] Labels, float[][] Centroids, double MlNetAverageDistance);
