using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Svd;

public sealed class ExplainedVarianceTests
{
    [Fact]
    [Goal("4.6-2")]
    public void The_shares_of_a_diagonal_matrix_are_its_squared_entries_over_their_sum()
    {
        var svd = TruncatedSvd.Of(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 0, 3, 0 }, { 0, 0, 2 } }));
        var ratios = svd.ExplainedVarianceRatios();
        Assert.Equal(9.0 / 14, ratios[0], 12);
        Assert.Equal(4.0 / 14, ratios[1], 12);
        Assert.Equal(1.0 / 14, ratios[2], 12);
        Assert.Equal(2, svd.ComponentsFor(0.9));
        Assert.Equal(1, svd.ComponentsFor(0.6));
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_shares_equal_the_covariance_eigenvalues_over_the_trace()
    {
        var data = SpectrumMatrices.LatentFactors(200, 12, [5, 3, 1], 0.3, 4);
        var ratios = TruncatedSvd.Of(data).ExplainedVarianceRatios();
        var covariance = data.TransposeThisAndMultiply(data) / 199;
        var eigen = covariance.Evd().EigenValues.Select(e => e.Real).OrderByDescending(e => e).ToArray();
        for (var i = 0; i < 12; i++) Assert.Equal(eigen[i] / covariance.Trace(), ratios[i], 10);
        Assert.Equal(1, ratios.Sum(), 12);
        var cumulative = 0.0;
        var needed = eigen.TakeWhile(e => (cumulative += e / covariance.Trace()) < 0.95).Count() + 1;
        Assert.Equal(needed, TruncatedSvd.Of(data).ComponentsFor(0.95));
    }
}
