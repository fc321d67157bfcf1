using StatelessMind.Labs.MassiveData.Clustering;

namespace StatelessMind.Labs.MassiveData.Tests.Clustering;

/// <summary>ML.NET's k-means on points with known clusters, and its own average distance against the inertia computed here.</summary>
public sealed class MlNetKMeansTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.3-2")]
    public void K_means_plus_plus_recovers_well_separated_clusters_and_agrees_with_ml_net_on_the_inertia()
    {
        var (points, truth, _) = GaussianBlobs.Generate(400, 4, 3, 0.5, 2);
        var fit = MlNetKMeans.Fit(points, 4, seed: 1);
        var inertia = ClusterQuality.Inertia(points, fit.Labels, fit.Centroids);
        output.WriteLine($"inertia {inertia}, ML.NET average distance × n {fit.MlNetAverageDistance * points.Length}");
        Assert.Equal(4, fit.K);
        Assert.Equal(inertia, fit.MlNetAverageDistance * points.Length, inertia * 1e-3);
        // Every true cluster maps to one found cluster.
        Assert.All(Enumerable.Range(0, 4), c => Assert.Single(fit.Labels.Where((_, i) => truth[i] == c).Distinct()));
        Assert.True(ClusterQuality.Silhouette(points, fit.Labels) > 0.8);
    }
}
