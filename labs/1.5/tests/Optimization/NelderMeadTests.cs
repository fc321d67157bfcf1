using StatelessMind.Labs.MathFoundations.Optimization;

namespace StatelessMind.Labs.MathFoundations.Tests.Optimization;

[Goal("1.5-4")]
public sealed class NelderMeadTests
{
    [Fact]
    public void A_step_reflects_the_worst_vertex_through_the_centroid()
    {
        // f = x² + y² on the sorted simplex (0,0), (1,0), (0,1)... the worst is (0,1) at 1; reflected through (0.5, 0) → (1, −1), f = 2: no
        // better than the second worst (1), so it contracts inside to (0.25, 0.5), f = 0.3125 < 1.
        double[][] simplex = [[0, 0], [1, 0], [0, 1.01]];
        double[] values = [0, 1, 1.0201];
        NelderMead.Step(simplex, values, v => v[0] * v[0] + v[1] * v[1]);
        Assert.Equal(0.25, simplex[2][0], 12);
        Assert.Equal(0.505, simplex[2][1], 12);
        Assert.Equal(0.25 * 0.25 + 0.505 * 0.505, values[2], 12);
    }

    [Fact]
    public void Nelder_mead_finds_the_minimum_of_a_shifted_bowl_without_derivatives()
    {
        var result = NelderMead.Minimize(v => Math.Pow(v[0] - 2, 2) + 3 * Math.Pow(v[1] + 1, 2), [0, 0]);
        Assert.Equal(2, result.Point[0], 6);
        Assert.Equal(-1, result.Point[1], 6);
    }

    [Fact]
    public void Nelder_mead_reaches_rosenbrocks_minimum()
    {
        var rosenbrock = new SymbolicObjective("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"]);
        var result = NelderMead.Minimize(rosenbrock.Value, [-1.2, 1]);
        Assert.True(OptimizationExperiment.Distance(result.Point, [1, 1]) < 1e-4, $"stopped at ({result.Point[0]}, {result.Point[1]})");
    }
}
