using StatelessMind.Labs.MathFoundations.Optimization;

namespace StatelessMind.Labs.MathFoundations.Tests.Optimization;

[Goal("1.5-4")]
public sealed class PenaltyMethodTests
{
    [Fact]
    public void One_penalized_minimisation_violates_the_constraint_by_lambda_over_mu()
    {
        // (x − 1)² + (y − 2)² + μ/2·(x + y − 1)²: setting the gradient to zero, x = 1 − μt/2 and y = 2 − μt/2 with
        // t = x + y − 1, so t = 2 − μt: the violation is t = 2/(1 + μ), and μt → 2 = λ.
        var f = new SymbolicObjective("(x - 1)^2 + (y - 2)^2", ["x", "y"]);
        var h = new[] { new SymbolicObjective("x + y - 1", ["x", "y"]) };
        const double mu = 100;
        var x = PenaltyMethod.MinimizePenalized(f, h, [], mu, [0, 0]);
        Assert.Equal(2 / (1 + mu), x[0] + x[1] - 1, 8);
    }

    [Fact]
    public void The_penalty_method_converges_to_the_kkt_solution_and_its_multiplier()
    {
        var solution = PenaltyMethod.Solve(new ConstrainedProblem("line", "(x - 1)^2 + (y - 2)^2", ["x", "y"], ["x + y - 1"], []), [3, 3]);
        var (x, lambda) = LagrangeKkt.SolveQuadratic(new double[,] { { 2, 0 }, { 0, 2 } }, [-2, -4], new double[,] { { 1, 1 } }, [1]);
        Assert.True(OptimizationExperiment.Distance(solution.Point, x) < 1e-6);
        Assert.Equal(lambda[0], solution.EqualityMultipliers[0], 5);
    }

    [Fact]
    public void An_inactive_inequality_costs_nothing()
    {
        var solution = PenaltyMethod.Solve(new ConstrainedProblem("slack", "(x - 1)^2 + y^2", ["x", "y"], [], ["x - 5"]), [0, 0]);
        Assert.Equal(1, solution.Point[0], 8);
        Assert.Equal(0, solution.InequalityMultipliers[0]);
    }

    [Fact]
    public void Contradicting_constraints_are_an_infeasible_problem()
    {
        var error = Assert.Throws<InfeasibleProblemException>(() =>
            PenaltyMethod.Solve(new ConstrainedProblem("x ≥ 1 and x ≤ 0", "x^2", ["x"], [], ["1 - x", "x"]), [0.3]));
        Assert.Contains("still violated by 0.5", error.Message, StringComparison.Ordinal);
        Assert.Throws<InfeasibleProblemException>(() =>
            LagrangeKkt.SolveQuadratic(new double[,] { { 2, 0 }, { 0, 2 } }, [0, 0], new double[,] { { 1, 1 }, { 1, 1 } }, [1, 2]));
    }
}
