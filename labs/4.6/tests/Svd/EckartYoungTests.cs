using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Svd;

public sealed class EckartYoungTests
{
    private static readonly Matrix<double> Data = SpectrumMatrices.LatentFactors(120, 15, [6, 4, 2], 0.5, 3);

    [Fact]
    [Goal("4.6-2")]
    public void The_squared_frobenius_error_is_the_sum_of_the_discarded_squared_singular_values()
    {
        var svd = TruncatedSvd.Of(Data);
        var total = Math.Pow(Data.FrobeniusNorm(), 2);
        for (var k = 1; k <= 15; k++)
        {
            var error = Math.Pow((Data - svd.Reconstruct(k)).FrobeniusNorm(), 2);
            Assert.True(Math.Abs(error - svd.DiscardedEnergy(k)) <= 1e-11 * total, $"k = {k}");
        }
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_spectral_error_is_the_next_singular_value()
    {
        var svd = TruncatedSvd.Of(Data);
        for (var k = 1; k < 8; k++) Assert.Equal(svd.SingularValues[k], (Data - svd.Reconstruct(k)).L2Norm(), 9);
    }

    [Fact]
    [Goal("4.6-2")]
    public void No_projection_on_random_directions_does_better()
    {
        var svd = TruncatedSvd.Of(Data);
        var best = Math.Pow((Data - svd.Reconstruct(3)).FrobeniusNorm(), 2);
        var random = new Random(9);
        for (var trial = 0; trial < 20; trial++)
        {
            var q = Matrix<double>.Build.Dense(15, 3, (_, _) => random.NextDouble() - 0.5).QR().Q.SubMatrix(0, 15, 0, 3);
            Assert.True(Math.Pow((Data - Data * q * q.Transpose()).FrobeniusNorm(), 2) >= best);
        }
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_check_catches_a_reconstruction_one_rank_short()
    {
        var buggy = TruncatedSvd.Of(Data, SvdBug.RankOffByOne);
        var error = Math.Pow((Data - buggy.Reconstruct(3)).FrobeniusNorm(), 2);
        Assert.Equal(buggy.DiscardedEnergy(3) + Math.Pow(buggy.SingularValues[2], 2), error, 6);
        Assert.True(error - buggy.DiscardedEnergy(3) > 1);
    }
}
