using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Tests.Recommendation;

/// <summary>Exercise 4.3-3a: the update minimises the regularised squared error (its gradient is zero there).</summary>
public sealed class NormalEquationsTests
{
    private static (double[][] Factors, double[] Ratings) Data(int n, int rank, int seed)
    {
        var random = new Random(seed);
        var factors = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, rank).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        return (factors, [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2)]);
    }

    /// <summary>∂/∂x of Σ (r − x·v)² + λ n ‖x‖², computed directly.</summary>
    private static double[] Gradient(double[] x, double[][] factors, double[] ratings, double lambda)
    {
        var g = x.Select(xi => 2 * lambda * factors.Length * xi).ToArray();
        for (var i = 0; i < factors.Length; i++)
        {
            var error = ratings[i] - factors[i].Zip(x, (a, b) => a * b).Sum();
            for (var p = 0; p < x.Length; p++) g[p] -= 2 * error * factors[i][p];
        }
        return g;
    }

    [Theory]
    [Goal("4.3-3")]
    [InlineData(30, 5, 0.1)]
    [InlineData(3, 8, 0.05)]
    public void The_solution_zeroes_the_gradient_of_the_regularised_objective(int n, int rank, double lambda)
    {
        var (factors, ratings) = Data(n, rank, n);
        var x = NormalEquations.Solve(factors, ratings, lambda, rank);
        Assert.All(Gradient(x, factors, ratings, lambda), g => Assert.InRange(g, -1e-9, 1e-9));
    }

    [Fact]
    [Goal("4.3-3")]
    public void Planted_bug_ignoring_lambda_misses_the_regularised_minimum()
    {
        var (factors, ratings) = Data(12, 5, 1);
        var options = new AlsOptions { Rank = 5, Lambda = 0.1, Bug = AlsBug.NoRegularization };
        var x = NormalEquations.Solve(factors, ratings, options.EffectiveLambda, 5);
        Assert.Contains(Gradient(x, factors, ratings, options.Lambda), g => Math.Abs(g) > 1e-3);
        Assert.Equal(new double[4], NormalEquations.Solve([], [], 0.1, 4));
    }
}
