using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Unsupervised;

namespace StatelessMind.Labs.LearningData.Tests.Unsupervised;

public sealed class SilhouetteTests
{
    [Fact]
    [Goal("1.6-1")]
    public void Two_pairs_on_a_line_score_what_the_definition_gives_by_hand()
    {
        float[][] points = [[0], [1], [10], [11]];
        // Point 0: a = 1, b = (10 + 11) / 2 = 10.5; point 1: a = 1, b = (9 + 10) / 2 = 9.5; the others mirror them.
        var expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2;
        Assert.Equal(expected, ClusterQuality.Silhouette(points, [0, 0, 1, 1]), 12);
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_lone_point_scores_zero_and_a_wrong_assignment_scores_below_zero()
    {
        float[][] points = [[0], [1], [10]];
        // Points 0 and 1 as above with b measured to the lone point; the lone point adds 0 to the mean.
        var expected = ((10.0 - 1) / 10 + (9.0 - 1) / 9) / 3;
        Assert.Equal(expected, ClusterQuality.Silhouette(points, [0, 0, 1]), 12);
        float[][] pairs = [[0], [1], [10], [11]];
        Assert.True(ClusterQuality.Silhouette(pairs, [0, 1, 0, 1]) < 0);
    }

    [Fact]
    [Goal("1.6-1")]
    public void K_means_on_iris_finds_clusters_far_better_than_chance()
    {
        var ml = new Microsoft.ML.MLContext(seed: 2);
        var iris = SklearnDatasets.Iris();
        var (clusters, points) = Clustering.KMeans(ml, iris, 3);
        var random = new Random(2);
        Assert.True(ClusterQuality.Silhouette(points, clusters) > ClusterQuality.Silhouette(points, [.. clusters.Select(_ => random.Next(3))]) + 0.3);
        Assert.True(ClusterPurity.Of(clusters, iris.Labels) > 0.75);
    }
}
