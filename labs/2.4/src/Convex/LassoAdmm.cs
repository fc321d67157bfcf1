using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.NumericalMethods.Gradient;

namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>
/// The LASSO by ADMM (Boyd et al., "Distributed Optimization and Statistical Learning via the Alternating Direction
/// Method of Multipliers", §6.4), CVXPY's role here: split x = z, minimise the smooth part over x and the ℓ₁ part over
/// z in turn, and move the scaled dual u towards agreement:
/// x ← (AᵀA + ρI)⁻¹(Aᵀb + ρ(z − u)),  z ← S_{λ/ρ}(x + u),  u ← u + x − z,
/// with S_κ(v) = sign(v)·max(|v| − κ, 0). AᵀA + ρI is factored once (Cholesky). Stops when the primal residual
/// ‖x − z‖ and the dual residual ρ‖z − z_prev‖ are below √n·ε_abs + ε_rel·(scale).
/// </summary>
public sealed class LassoAdmm(double rho = 5.0, double absoluteTolerance = 1e-12, double relativeTolerance = 1e-11, int maxIterations = 20_000,
    OptimizationBug bug = OptimizationBug.None)
{
    public sealed record Result(Vector<double> Solution, int Iterations, IReadOnlyList<double> PrimalResiduals, IReadOnlyList<double> Objectives);

    public Result Solve(LassoProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Lambda < 0) throw new ArgumentOutOfRangeException(nameof(problem), problem.Lambda, "λ must be ≥ 0");
        var a = problem.A;
        var n = a.ColumnCount;
        var cholesky = (a.TransposeThisAndMultiply(a) + rho * Matrix<double>.Build.DenseIdentity(n)).Cholesky();
        var atb = a.TransposeThisAndMultiply(problem.B);
        var x = Vector<double>.Build.Dense(n);
        var z = Vector<double>.Build.Dense(n);
        var u = Vector<double>.Build.Dense(n);
        var threshold = bug == OptimizationBug.ThresholdWithoutRho ? problem.Lambda : problem.Lambda / rho;
        var residuals = new List<double>();
        var objectives = new List<double>();
        for (var k = 1; k <= maxIterations; k++)
        {
            var previousZ = z;
            (x, z, u) = Iterate(cholesky, atb, z, u, threshold);
            var primal = (x - z).L2Norm();
            var dual = rho * (z - previousZ).L2Norm();
            residuals.Add(primal);
            objectives.Add(problem.Objective(z));
            var primalTolerance = Math.Sqrt(n) * absoluteTolerance + relativeTolerance * Math.Max(x.L2Norm(), z.L2Norm());
            var dualTolerance = Math.Sqrt(n) * absoluteTolerance + relativeTolerance * rho * u.L2Norm();
            if (primal <= primalTolerance && dual <= dualTolerance) return new Result(z, k, residuals, objectives);
        }
        throw new NonConvergenceException("ADMM for the LASSO", maxIterations, residuals[^1], Math.Sqrt(n) * absoluteTolerance);
    }

    /// <summary>One ADMM iteration: the x-update through the factored AᵀA + ρI, the z-update by soft-thresholding
    /// x + u at κ, and the dual update.</summary>
    internal (Vector<double> X, Vector<double> Z, Vector<double> U) Iterate(
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky, Vector<double> atb, Vector<double> z, Vector<double> u, double kappa)
    {
        #region Exercise 2.4-2c: one ADMM iteration for the LASSO, x-update, soft-threshold, dual update (tests: LassoAdmmTests.With_an_orthonormal_design_the_solution_is_the_soft_thresholded_least_squares, LassoAdmmTests.Admm_agrees_with_coordinate_descent_on_a_random_problem, LassoAdmmTests.Above_lambda_max_the_solution_is_zero, LassoAdmmTests.An_iteration_budget_too_small_is_a_typed_non_convergence, LassoAdmmTests.The_certificate_rejects_admm_that_thresholds_by_lambda_instead_of_lambda_over_rho)
        var x = cholesky.Solve(atb + rho * (z - u));
        var nextZ = SoftThreshold(x + u, kappa);
        var nextU = u + x - nextZ;
        return (x, nextZ, nextU);
        #endregion
    }

    /// <summary>S_κ(v) = sign(v)·max(|v| − κ, 0), element by element: the proximal operator of κ‖·‖₁.</summary>
    internal static Vector<double> SoftThreshold(Vector<double> v, double kappa) =>
        v.Map(e => Math.Sign(e) * Math.Max(Math.Abs(e) - kappa, 0));
}
