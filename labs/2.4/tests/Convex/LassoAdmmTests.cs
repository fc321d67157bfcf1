using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.NumericalMethods.Convex;
using StatelessMind.Labs.NumericalMethods.Gradient;

namespace StatelessMind.Labs.NumericalMethods.Tests.Convex;

public sealed class LassoAdmmTests
{
    [Fact]
    [Goal("2.4-2")]
    public void Soft_thresholding_shrinks_towards_zero_and_stops_there()
    {
        var v = LassoAdmm.SoftThreshold(Vector<double>.Build.DenseOfArray([3, -0.5, 0.2, -4]), 1);
        Assert.Equal([2, 0, 0, -3], v.ToArray());
    }

    [Fact]
    [Goal("2.4-2")]
    public void With_an_orthonormal_design_the_solution_is_the_soft_thresholded_least_squares()
    {
        // AᵀA = I: the LASSO separates per coordinate, x = S_λ(Aᵀb).
        var a = Matrix<double>.Build.DenseIdentity(4);
        var b = Vector<double>.Build.DenseOfArray([2, -0.3, 0.8, -1.5]);
        var result = new LassoAdmm().Solve(new LassoProblem(a, b, 0.5));
        var expected = new[] { 1.5, 0, 0.3, -1.0 };
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], result.Solution[i], 9);
    }

    [Fact]
    [Goal("2.4-2")]
    public void Admm_agrees_with_coordinate_descent_on_a_random_problem()
    {
        var (problem, _) = LassoProblem.Generate(60, 120, 6, 0.05, 0.1, 7);
        var admm = new LassoAdmm().Solve(problem).Solution;
        var cd = LassoCoordinateDescent.Solve(problem);
        Assert.True((admm - cd).InfinityNorm() < 1e-7, $"difference {(admm - cd).InfinityNorm()}");
    }

    [Fact]
    [Goal("2.4-2")]
    public void Above_lambda_max_the_solution_is_zero()
    {
        var (problem, _) = LassoProblem.Generate(30, 40, 4, 0.05, 1.01, 8);
        Assert.Equal(0, new LassoAdmm().Solve(problem).Solution.L1Norm(), 12);
    }

    [Fact]
    [Goal("2.4-2")]
    public void An_iteration_budget_too_small_is_a_typed_non_convergence()
    {
        var (problem, _) = LassoProblem.Generate(60, 120, 6, 0.05, 0.1, 7);
        var error = Assert.Throws<NonConvergenceException>(() => new LassoAdmm(maxIterations: 3).Solve(problem));
        Assert.Equal(3, error.Iterations);
        Assert.Contains("ADMM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("2.4-2")]
    public void The_certificate_rejects_admm_that_thresholds_by_lambda_instead_of_lambda_over_rho()
    {
        var (problem, _) = LassoProblem.Generate(60, 120, 6, 0.05, 0.1, 7);
        var broken = new LassoAdmm(bug: OptimizationBug.ThresholdWithoutRho).Solve(problem).Solution;
        var certificate = LassoCertificate.Of(problem, broken);
        Assert.True(certificate.RelativeGap > 1e-4 && certificate.KktResidual > 1e-3 * problem.Lambda, certificate.ToString());
    }
}
