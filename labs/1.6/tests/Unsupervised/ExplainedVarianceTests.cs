using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Unsupervised;

namespace StatelessMind.Labs.LearningData.Tests.Unsupervised;

public sealed class ExplainedVarianceTests
{
    [Fact]
    [Goal("1.6-1")]
    public void Points_on_a_line_have_all_their_variance_on_one_component()
    {
        float[][] features = [[0, 0], [1, 2], [2, 4], [3, 6]];
        float[][] onLine = [.. features.Select(f => new[] { (float)Math.Sqrt(f[0] * f[0] + f[1] * f[1]), 0f })];
        var ratios = PrincipalComponents.ExplainedVarianceRatios(features, onLine);
        Assert.Equal(1.0, ratios[0], 6);
        Assert.Equal(0.0, ratios[1], 6);
    }

    [Fact]
    [Goal("1.6-1")]
    public void Keeping_the_features_themselves_explains_each_its_own_share()
    {
        float[][] features = [[0, 0], [2, 1], [4, 0], [6, 1]];
        // var(x) = 20/3, var(y) = 1/3: shares 20/21 and 1/21.
        var ratios = PrincipalComponents.ExplainedVarianceRatios(features, features);
        Assert.Equal(20.0 / 21, ratios[0], 12);
        Assert.Equal(1.0 / 21, ratios[1], 12);
    }

    [Fact]
    [Goal("1.6-1")]
    public void Ml_net_pca_on_iris_matches_the_covariance_eigendecomposition()
    {
        var ml = new Microsoft.ML.MLContext(seed: 3);
        var iris = SklearnDatasets.Iris();
        var pca = PrincipalComponents.Project(ml, iris, rank: 3, seed: 3);
        var reference = EigenReference.ExplainedVarianceRatios(iris.Features);
        for (var j = 0; j < 3; j++) Assert.Equal(reference[j], pca.ExplainedVarianceRatios[j], 3);
        Assert.True(pca.ExplainedVarianceRatios[0] > pca.ExplainedVarianceRatios[1]);
    }
}
