using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

[Goal("1.5-2")]
public sealed class FiniteDifferencesTests
{
    [Fact]
    public void The_central_difference_of_a_quadratic_is_exact_up_to_rounding()
    {
        // (f(x+h) − f(x−h))/2h = 2x + 3 exactly for f = x² + 3x: the h² term of the error needs f''' ≠ 0.
        Func<double[], double> f = v => v[0] * v[0] + 3 * v[0];
        Assert.Equal(2 * 1.5 + 3, FiniteDifferences.Central(f, [1.5], 0, 1e-3), 9);
    }

    [Fact]
    public void The_central_difference_error_falls_as_h_squared()
    {
        var (steps, _, central) = SymbolicGradientExperiment.StepSweep();
        var slope = SymbolicGradientExperiment.Slope(steps, central, 1e-4, 1e-1);
        Assert.InRange(slope, 1.7, 2.3);
    }

    [Fact]
    public void The_numeric_gradient_takes_one_central_difference_per_variable()
    {
        Func<double[], double> f = v => Math.Sin(v[0]) * v[1];
        var g = FiniteDifferences.Gradient(f, [0.4, 2.0]);
        Assert.Equal(Math.Cos(0.4) * 2.0, g[0], 8);
        Assert.Equal(Math.Sin(0.4), g[1], 8);
    }
}
