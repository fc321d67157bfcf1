using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>
/// Proof that a point solves the LASSO, from the problem alone. With r = b − Ax and g = Aᵀr:
/// <para>KKT (subgradient) conditions: g_i = λ·sign(x_i) where x_i ≠ 0, and |g_i| ≤ λ where x_i = 0; the residual is the
/// largest violation.</para>
/// <para>Duality gap: the dual is max −½‖ν‖² − νᵀb subject to ‖Aᵀν‖∞ ≤ λ. The scaled residual ν = −s·r with
/// s = min(1, λ/‖g‖∞) is dual feasible, so primal − dual(ν) ≥ 0 bounds how far the objective is from the optimum;
/// it is zero exactly at a solution.</para>
/// </summary>
public sealed record LassoCertificate(double Primal, double Dual, double Gap, double KktResidual)
{
    public double RelativeGap => Gap / Math.Max(Math.Abs(Primal), 1e-300);

    public static LassoCertificate Of(LassoProblem problem, Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(x);
        #region Exercise 2.4-2d: the KKT residual and a dual-feasible point for the duality gap (tests: LassoCertificateTests)
        var lambda = problem.Lambda;
        var r = problem.B - problem.A * x;
        var g = problem.A.TransposeThisAndMultiply(r);
        var kkt = 0.0;
        for (var i = 0; i < x.Count; i++)
        {
            var violation = x[i] != 0 ? Math.Abs(g[i] - lambda * Math.Sign(x[i])) : Math.Max(0, Math.Abs(g[i]) - lambda);
            kkt = Math.Max(kkt, violation);
        }
        var s = Math.Min(1, lambda / Math.Max(g.InfinityNorm(), 1e-300));
        var dual = -0.5 * s * s * r.DotProduct(r) + s * r.DotProduct(problem.B);
        var primal = problem.Objective(x);
        return new LassoCertificate(primal, dual, primal - dual, kkt);
        #endregion
    }
}
