using StatelessMind.Labs.NumericalMethods.Iterative;

namespace StatelessMind.Labs.NumericalMethods.Tests.Iterative;

public sealed class NewtonRaphsonTests
{
    private readonly NewtonRaphson _newton = new();

    [Fact]
    [Goal("2.4-3")]
    public void The_square_root_of_two_takes_the_babylonian_steps()
    {
        // x ← x − (x² − 2)/(2x) = (x + 2/x)/2: 1, 1.5, 17/12, 577/408, …
        var result = _newton.FindRoot(x => x * x - 2, x => 2 * x, 1);
        Assert.Equal(1.5, result.Iterates[1], 15);
        Assert.Equal(17 / 12.0, result.Iterates[2], 15);
        Assert.Equal(577 / 408.0, result.Iterates[3], 15);
        Assert.Equal(Math.Sqrt(2), result.Root, 15);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_measured_order_near_a_simple_root_is_two()
    {
        var result = _newton.FindRoot(x => Math.Exp(x) - 3, Math.Exp, 0);
        Assert.InRange(NewtonRaphson.MeasuredOrder(result.Iterates, Math.Log(3)), 1.8, 2.2);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_measured_order_of_known_sequences()
    {
        // e_k = 10^(−2^k): order 2. e_k = 2^(−k): order 1.
        double[] quadratic = [1 + 1e-1, 1 + 1e-2, 1 + 1e-4, 1 + 1e-8];
        Assert.Equal(2, NewtonRaphson.MeasuredOrder(quadratic, 1), 3);
        double[] linear = [.. Enumerable.Range(1, 20).Select(k => 5 + Math.Pow(2, -k))];
        Assert.Equal(1, NewtonRaphson.MeasuredOrder(linear, 5), 6);
        Assert.True(double.IsNaN(NewtonRaphson.MeasuredOrder([2, 1.5], 1)));
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_double_root_converges_only_linearly()
    {
        var result = _newton.FindRoot(x => (x - 1) * (x - 1), x => 2 * (x - 1), 2);
        Assert.Equal(1, result.Root, 7);
        Assert.InRange(NewtonRaphson.MeasuredOrder(result.Iterates, 1, 1e-7), 0.9, 1.1);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_flat_tangent_is_a_typed_error()
    {
        var error = Assert.Throws<ZeroDerivativeException>(() => _newton.FindRoot(Math.Cos, x => -Math.Sin(x), 0));
        Assert.Equal(0, error.X);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_cycle_is_detected_and_named()
    {
        // x³ − 2x + 2 from 0: 0 → 1 → 0 → …
        var error = Assert.Throws<CyclingException>(() => _newton.FindRoot(x => x * x * x - 2 * x + 2, x => 3 * x * x - 2, 0));
        Assert.Equal(2, error.Period);
        Assert.Equal([0.0, 1.0], error.Cycle);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_run_away_iterate_is_a_typed_divergence()
    {
        // f = x^(1/3): each Newton step maps x to −2x.
        Assert.Throws<DivergenceException>(() => _newton.FindRoot(Math.Cbrt, x => 1 / (3 * Math.Pow(Math.Cbrt(x), 2)), 0.1));
    }

    [Fact]
    [Goal("2.4-3")]
    public void Roots_agree_with_mathnet()
    {
        double F(double x) => x * x * x - 2 * x - 5;
        double D(double x) => 3 * x * x - 2;
        var root = _newton.FindRoot(F, D, 2).Root;
        Assert.Equal(MathNet.Numerics.RootFinding.Brent.FindRoot(F, 2, 3, 1e-15), root, 14);
        Assert.Equal(MathNet.Numerics.RootFinding.NewtonRaphson.FindRoot(F, D, 2, 3, 1e-15), root, 14);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_order_check_catches_a_frozen_derivative()
    {
        var chord = new NewtonRaphson(bug: IterationBug.FrozenDerivative).FindRoot(x => x * x - 2, x => 2 * x, 1);
        Assert.Equal(Math.Sqrt(2), chord.Root, 12);
        Assert.True(NewtonRaphson.MeasuredOrder(chord.Iterates, Math.Sqrt(2)) < 1.5);
    }
}
