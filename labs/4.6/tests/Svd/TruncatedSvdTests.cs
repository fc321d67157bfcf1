using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Svd;

public sealed class TruncatedSvdTests
{
    [Fact]
    [Goal("4.6-2")]
    public void The_full_rank_reconstruction_gives_back_the_matrix()
    {
        var a = SpectrumMatrices.Geometric(12, 7, 5, 0.7, 1);
        Assert.True((TruncatedSvd.Of(a).Reconstruct(7) - a).InfinityNorm() < 1e-12);
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_rank_one_truncation_of_a_diagonal_matrix_keeps_its_largest_entry()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0, 0 }, { 0, -5, 0 }, { 0, 0, 1 }, { 0, 0, 0 } });
        var a1 = TruncatedSvd.Of(a).Reconstruct(1);
        Assert.Equal(-5, a1[1, 1], 12);
        Assert.Equal(5, a1.FrobeniusNorm(), 12);
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_error_shrinks_with_every_rank_added()
    {
        var a = SpectrumMatrices.Geometric(20, 10, 10, 0.8, 2);
        var svd = TruncatedSvd.Of(a);
        var errors = Enumerable.Range(1, 10).Select(k => (a - svd.Reconstruct(k)).FrobeniusNorm()).ToArray();
        for (var k = 1; k < errors.Length; k++) Assert.True(errors[k] < errors[k - 1]);
        Assert.True(errors[^1] < 1e-12);
    }
}
