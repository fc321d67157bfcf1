using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

public sealed class LinearModelTests
{
    [Fact]
    [Goal("3.2-2")]
    public void Least_squares_recovers_noiseless_weights_exactly()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 50).Select(_ => new[] { random.NextDouble(), random.NextDouble() * 10 }).ToList();
        var y = x.Select(r => 1.5 - 2 * r[0] + 0.25 * r[1]).ToList();
        var model = LinearModel.Fit(x, y);
        Assert.Equal([1.5, -2, 0.25], model.Weights.Select(w => Math.Round(w, 9)));
        Assert.Equal(1.0, model.RSquared(x, y), 9);
    }

    [Fact]
    [Goal("3.2-2")]
    public void Collinear_features_are_rejected()
    {
        var x = Enumerable.Range(0, 10).Select(i => new double[] { i, 2 * i }).ToList();
        Assert.Throws<InvalidOperationException>(() => LinearModel.Fit(x, [.. x.Select(r => r[0])]));
    }
}
