using StatelessMind.Labs.MassiveData.Clustering;

namespace StatelessMind.Labs.MassiveData.Tests.Clustering;

/// <summary>Exercise 4.3-2a: inertia and silhouette on points small enough to check by hand.</summary>
public sealed class ClusterQualityTests
{
    // Two clusters on a line: {0, 1} and {10, 11}.
    private static readonly float[][] Points = [[0f], [1f], [10f], [11f]];
    private static readonly int[] Labels = [0, 0, 1, 1];

    [Fact]
    [Goal("4.3-2")]
    public void Inertia_is_the_sum_of_squared_distances_to_the_own_centroid()
    {
        Assert.Equal(4 * 0.25, ClusterQuality.Inertia(Points, Labels, [[0.5f], [10.5f]]), 9);
        Assert.Equal(0 + 1 + 100 + 121, ClusterQuality.Inertia(Points, [0, 0, 0, 0], [[0f]]), 9);
    }

    [Fact]
    [Goal("4.3-2")]
    public void The_silhouette_follows_its_definition()
    {
        // Point 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; point 1: a = 1, b = 9.5, s = 8.5 / 9.5; symmetric for the others.
        var expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        Assert.Equal(expected, ClusterQuality.Silhouette(Points, Labels), 9);
        Assert.True(ClusterQuality.Silhouette(Points, [0, 1, 0, 1]) < 0, "a clustering against the data scores below zero");
    }

    [Fact]
    [Goal("4.3-2")]
    public void Planted_bug_taking_the_own_cluster_as_the_nearest_is_caught()
    {
        Assert.True(ClusterQuality.Silhouette(Points, Labels, SilhouetteBug.NearestClusterIncludesOwn) <= 0);
    }
}
