using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Regression;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Regression;

public sealed class HouseholderQrTests
{
    private static (double[,] X, double[] Y) RandomSystem(int n, int p, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, p];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = random.NextDouble() * 10 - 5;
            for (var j = 0; j < p; j++) x[i, j] = random.NextDouble() * 4 - 2;
        }
        return (x, y);
    }

    [Fact]
    [Goal("4.6-1")]
    public void R_transpose_r_equals_x_transpose_x_and_r_is_upper_triangular()
    {
        var (x, y) = RandomSystem(12, 4, 1);
        var factors = HouseholderQr.Factor(x, y);
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var r = Matrix<double>.Build.DenseOfArray(factors.R);
        Assert.True((r.TransposeThisAndMultiply(r) - xm.TransposeThisAndMultiply(xm)).InfinityNorm() < 1e-12);
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < i; j++) Assert.Equal(0, factors.R[i, j]);
    }

    [Fact]
    [Goal("4.6-1")]
    public void Q_transpose_y_keeps_the_norm_and_its_tail_is_the_residual_sum_of_squares()
    {
        var (x, y) = RandomSystem(15, 3, 2);
        var factors = HouseholderQr.Factor(x, y);
        var norm = Math.Sqrt(factors.QtY.Sum(v => v * v));
        Assert.Equal(Math.Sqrt(y.Sum(v => v * v)), norm, 12);
        // The least-squares residual from MathNet's own QR solve, against the tail of Qᵀy.
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var yv = Vector<double>.Build.DenseOfArray(y);
        var beta = xm.QR().Solve(yv);
        var rss = (yv - xm * beta).DotProduct(yv - xm * beta);
        Assert.Equal(rss, factors.QtY.Skip(3).Sum(v => v * v), 10);
    }

    [Fact]
    [Goal("4.6-1")]
    public void The_inverse_of_r_times_r_is_the_identity()
    {
        var (x, y) = RandomSystem(10, 5, 3);
        var factors = HouseholderQr.Factor(x, y);
        var product = Matrix<double>.Build.DenseOfArray(HouseholderQr.InvertUpper(factors.R)) * Matrix<double>.Build.DenseOfArray(factors.R);
        Assert.True((product - Matrix<double>.Build.DenseIdentity(5)).InfinityNorm() < 1e-12);
    }

    [Fact]
    [Goal("4.6-1")]
    public void The_unscaled_covariance_equals_the_inverse_of_x_transpose_x()
    {
        var (x, y) = RandomSystem(20, 4, 4);
        var factors = HouseholderQr.Factor(x, y);
        var variances = HouseholderQr.UnscaledVariances(HouseholderQr.InvertUpper(factors.R));
        var xm = Matrix<double>.Build.DenseOfArray(x);
        var expected = xm.TransposeThisAndMultiply(xm).Inverse().Diagonal();
        for (var j = 0; j < 4; j++) Assert.Equal(expected[j], variances[j], 12);
    }
}
