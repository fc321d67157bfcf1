using StatelessMind.Labs.MathFoundations.Optimization;

namespace StatelessMind.Labs.MathFoundations.Tests.Optimization;

[Goal("1.5-4")]
public sealed class BfgsTests
{
    [Fact]
    public void Update_satisfies_the_secant_condition_and_stays_symmetric()
    {
        double[,] h = { { 1, 0.2 }, { 0.2, 2 } };
        double[] s = [0.3, -0.1], y = [0.5, 0.4];
        var next = Bfgs.UpdateInverseHessian(h, s, y);
        var hy = Bfgs.Multiply(next, y);
        Assert.Equal(s[0], hy[0], 12);
        Assert.Equal(s[1], hy[1], 12);
        Assert.Equal(next[0, 1], next[1, 0], 12);
    }

    [Fact]
    public void Update_on_a_quadratic_recovers_the_inverse_hessian_after_n_conjugate_steps()
    {
        // f = ½xᵀAx with A = [4 1; 1 3], so y = A s. Steps e₁ and (1, −4) are A-conjugate (e₁ᵀA(1, −4) = 0), and
        // BFGS keeps every earlier secant condition along conjugate steps: after two, H = A⁻¹ = 1/11·[3 −1; −1 4].
        double[,] h = { { 1, 0 }, { 0, 1 } };
        foreach (var s in new[] { new[] { 1.0, 0 }, new[] { 1.0, -4 } })
            h = Bfgs.UpdateInverseHessian(h, s, [4 * s[0] + s[1], s[0] + 3 * s[1]]);
        Assert.Equal(3.0 / 11, h[0, 0], 12);
        Assert.Equal(-1.0 / 11, h[0, 1], 12);
        Assert.Equal(-1.0 / 11, h[1, 0], 12);
        Assert.Equal(4.0 / 11, h[1, 1], 12);
    }

    [Fact]
    public void Line_search_takes_the_full_step_when_it_decreases_enough_and_halves_otherwise()
    {
        Func<double[], double> f = v => v[0] * v[0];
        // From x = 1 along p = −1 (the Newton step for x²/… ) α = 1 lands on 0: accepted.
        Assert.Equal(1, Bfgs.LineSearch(f, [1], 1, [2], [-1]));
        // Along p = −4 the full step lands on −3 (f = 9 > 1): halve to −1 (f = 1, not below 1 − 1e-4·…), then to 0.25·… → α = 0.25.
        Assert.Equal(0.25, Bfgs.LineSearch(f, [1], 1, [2], [-4]));
    }

    [Fact]
    public void Bfgs_minimises_rosenbrock_to_a_vanishing_gradient()
    {
        var rosenbrock = new SymbolicObjective("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"]);
        var result = Bfgs.Minimize(rosenbrock.Value, rosenbrock.Gradient, [-1.2, 1]);
        Assert.True(Bfgs.Norm(rosenbrock.Gradient(result.Point)) <= OptimizationExperiment.GradientTarget);
        Assert.Equal(1, result.Point[0], 6);
        Assert.Equal(1, result.Point[1], 6);
    }

    [Fact]
    public void Running_out_of_iterations_is_a_typed_error_saying_where_it_stopped()
    {
        var rosenbrock = new SymbolicObjective("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"]);
        var error = Assert.Throws<OptimizationDidNotConvergeException>(() =>
            Bfgs.Minimize(rosenbrock.Value, rosenbrock.Gradient, [-1.2, 1], new OptimizerOptions(MaxIterations: 5)));
        Assert.Equal(5, error.Iterations);
        Assert.Contains("‖∇f‖", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Planted_bug_stopping_on_a_small_improvement_leaves_a_nonzero_gradient()
    {
        var rosenbrock = new SymbolicObjective("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"]);
        var result = Bfgs.Minimize(rosenbrock.Value, rosenbrock.Gradient, [-1.2, 1], bug: OptimizationBug.StopsOnSmallImprovement);
        Assert.True(Bfgs.Norm(rosenbrock.Gradient(result.Point)) > OptimizationExperiment.GradientTarget,
            "the early stop landed on the minimum anyway: the gradient check would not see it");
    }
}
