using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Svd;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Svd;

public sealed class RandomizedSvdTests
{
    [Fact]
    [Goal("4.6-2")]
    public void An_exactly_low_rank_matrix_is_recovered_exactly()
    {
        var random = new Random(5);
        var left = Matrix<double>.Build.Dense(80, 4, (_, _) => random.NextDouble() - 0.5);
        var right = Matrix<double>.Build.Dense(4, 50, (_, _) => random.NextDouble() - 0.5);
        var a = left * right;
        var partial = new RandomizedSvd(oversampling: 5, powerIterations: 0).Compute(a, 4, 1);
        var exact = a.Svd(computeVectors: false).S;
        for (var i = 0; i < 4; i++) Assert.Equal(1, partial.SingularValues[i] / exact[i], 10);
        Assert.True((partial.Reconstruct() - a).FrobeniusNorm() < 1e-10 * a.FrobeniusNorm());
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_top_singular_values_of_a_slow_spectrum_match_mathnets_full_svd()
    {
        var a = SpectrumMatrices.Geometric(200, 100, 100, 0.8, 6);
        var full = a.Svd(computeVectors: false).S;
        var partial = new RandomizedSvd().Compute(a, 10, 2);
        for (var i = 0; i < 10; i++) Assert.True(Math.Abs(partial.SingularValues[i] - full[i]) <= 1e-6 * full[i], $"σ{i + 1}");
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_singular_vectors_are_orthonormal()
    {
        var partial = new RandomizedSvd().Compute(SpectrumMatrices.Geometric(60, 40, 10, 0.7, 7), 6, 3);
        Assert.True((partial.U.TransposeThisAndMultiply(partial.U) - Matrix<double>.Build.DenseIdentity(6)).InfinityNorm() < 1e-12);
        Assert.True((partial.VT.TransposeAndMultiply(partial.VT) - Matrix<double>.Build.DenseIdentity(6)).InfinityNorm() < 1e-12);
    }

    [Fact]
    [Goal("4.6-2")]
    public void The_accuracy_check_catches_skipped_power_iterations()
    {
        var a = SpectrumMatrices.Geometric(200, 100, 100, 0.8, 6);
        var full = a.Svd(computeVectors: false).S;
        var sketch = new RandomizedSvd(bug: SvdBug.NoPowerIterations).Compute(a, 10, 2);
        Assert.True(Enumerable.Range(0, 10).Max(i => Math.Abs(sketch.SingularValues[i] - full[i]) / full[i]) > 1e-6);
    }
}
