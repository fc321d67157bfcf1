using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Svd;

public sealed class SvdInputTests
{
    private static readonly Matrix<double> Small = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });

    [Fact]
    [Goal("4.6-2")]
    public void A_rank_outside_one_to_the_smaller_dimension_is_refused()
    {
        var e = Assert.Throws<RankOutOfRangeException>(() => TruncatedSvd.Of(Small).Reconstruct(3));
        Assert.Equal((3, 2), (e.Rank, e.MaximumRank));
        Assert.Throws<RankOutOfRangeException>(() => TruncatedSvd.Of(Small).Reconstruct(0));
        Assert.Throws<RankOutOfRangeException>(() => new RandomizedSvd().Compute(Small, 0, 1));
        Assert.Throws<RankOutOfRangeException>(() => new RandomizedSvd().Compute(Small, 5, 1));
    }

    [Fact]
    [Goal("4.6-2")]
    public void Non_finite_entries_and_empty_matrices_are_refused_naming_where()
    {
        var withInfinity = Small.Clone();
        withInfinity[2, 0] = double.PositiveInfinity;
        var e = Assert.Throws<NonFiniteMatrixException>(() => TruncatedSvd.Of(withInfinity));
        Assert.Equal((2, 0), (e.Row, e.Column));
        Assert.Throws<NonFiniteMatrixException>(() => new RandomizedSvd().Compute(withInfinity, 1, 1));
        Assert.Equal(-1, Assert.Throws<NonFiniteMatrixException>(() => TruncatedSvd.Of(Matrix<double>.Build.Dense(0, 3))).Row);
    }
}
