using StatelessMind.Labs.MathFoundations.Optimization;

namespace StatelessMind.Labs.MathFoundations.Tests.Optimization;

[Goal("1.5-4")]
public sealed class CriticalPointTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2 }, CriticalPointKind.Minimum)]
    [InlineData(new[] { -1.0, -0.5 }, CriticalPointKind.Maximum)]
    [InlineData(new[] { -1.0, 3 }, CriticalPointKind.Saddle)]
    [InlineData(new[] { 0.0, 3 }, CriticalPointKind.Degenerate)]
    [InlineData(new[] { 1e-14, 3 }, CriticalPointKind.Degenerate)]
    public void The_signs_of_the_eigenvalues_decide(double[] eigenvalues, CriticalPointKind expected) =>
        Assert.Equal(expected, CriticalPoints.FromEigenvalues(eigenvalues));

    [Fact]
    public void The_four_critical_points_of_a_cubic_are_a_minimum_a_maximum_and_two_saddles()
    {
        var f = new SymbolicObjective("x^3 - 3*x - y^3 + 3*y", ["x", "y"]);
        Assert.Equal(CriticalPointKind.Minimum, CriticalPoints.Classify(f.Hessian([1, -1])));
        Assert.Equal(CriticalPointKind.Maximum, CriticalPoints.Classify(f.Hessian([-1, 1])));
        Assert.Equal(CriticalPointKind.Saddle, CriticalPoints.Classify(f.Hessian([1, 1])));
        Assert.Equal(CriticalPointKind.Saddle, CriticalPoints.Classify(f.Hessian([-1, -1])));
    }

    [Fact]
    public void Planted_bug_classifying_by_the_trace_calls_a_lopsided_saddle_a_minimum()
    {
        var saddle = new SymbolicObjective("x^2 - y^2/4", ["x", "y"]);
        Assert.Equal(CriticalPointKind.Saddle, CriticalPoints.Classify(saddle.Hessian([0, 0])));
        Assert.Equal(CriticalPointKind.Minimum, CriticalPoints.Classify(saddle.Hessian([0, 0]), OptimizationBug.ClassifiesByTrace));
    }
}
