using StatelessMind.Labs.MathFoundations.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Tests.LinearAlgebra;

[Goal("1.5-1")]
public sealed class LowRankMatrixTests
{
    [Fact]
    public void The_scree_finds_the_planted_rank_above_the_noise_edge()
    {
        const int rows = 90, columns = 60;
        const double sigma = 0.5;
        var m = LowRankMatrix.Generate(rows, columns, [40, 30, 25], sigma, seed: 3);
        var singular = m.Svd(computeVectors: false).S.ToArray();
        Assert.Equal(3, LowRankMatrix.EstimateRank(singular, rows, columns, sigma));
        // pure noise of the same shape has no value above the edge
        var noise = LowRankMatrix.Generate(rows, columns, [], sigma, seed: 4);
        Assert.Equal(0, LowRankMatrix.EstimateRank(noise.Svd(computeVectors: false).S, rows, columns, sigma));
    }
}
