using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>A second, independent LASSO solver to compare ADMM with: cyclic coordinate descent, each coordinate set
/// to its exact minimiser x_j = S_λ(a_jᵀ r_j)/‖a_j‖² with r_j the residual without coordinate j (Friedman et al., 2007).</summary>
public static class LassoCoordinateDescent
{
    public static Vector<double> Solve(LassoProblem problem, double tolerance = 1e-13, int maxSweeps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var a = problem.A;
        var n = a.ColumnCount;
        var columns = Enumerable.Range(0, n).Select(a.Column).ToArray();
        var norms = columns.Select(c => c.DotProduct(c)).ToArray();
        var x = Vector<double>.Build.Dense(n);
        var r = problem.B.Clone();
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var largest = 0.0;
            for (var j = 0; j < n; j++)
            {
                var rho = columns[j].DotProduct(r) + norms[j] * x[j];
                var updated = Math.Sign(rho) * Math.Max(Math.Abs(rho) - problem.Lambda, 0) / norms[j];
                var change = updated - x[j];
                if (change != 0)
                {
                    r.Subtract(columns[j] * change, r);
                    x[j] = updated;
                }
                largest = Math.Max(largest, Math.Abs(change));
            }
            if (largest < tolerance) return x;
        }
        throw new NonConvergenceException("LASSO coordinate descent", maxSweeps, double.NaN, tolerance);
    }
}
