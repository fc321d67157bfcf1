using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>
/// Gauss–Seidel for Ax = b: sweep the equations in order, solving equation i for x_i with the newest values of the
/// others — x_i ← (b_i − Σ_{j&lt;i} a_ij x_j^(new) − Σ_{j&gt;i} a_ij x_j^(old)) / a_ii. In matrix form
/// x^(k+1) = G x^(k) + c with G = −(D + L)⁻¹U, so the error shrinks by ρ(G) per sweep asymptotically: convergence
/// for every start if and only if ρ(G) &lt; 1 (guaranteed for strictly diagonally dominant or symmetric positive definite A).
/// Stops when ‖b − Ax‖/‖b‖ ≤ tolerance; raises <see cref="DivergenceException"/> when the residual grows past
/// <paramref name="divergenceFactor"/> times its start, <see cref="NonConvergenceException"/> when the budget runs out.
/// </summary>
public sealed class GaussSeidel(double tolerance = 1e-10, int maxIterations = 10_000, double divergenceFactor = 1e6, IterationBug bug = IterationBug.None)
{
    public sealed record Result(Vector<double> Solution, int Iterations, IReadOnlyList<double> Residuals)
    {
        /// <summary>The geometric mean of the residual ratios over the last <paramref name="window"/> sweeps: the
        /// measured asymptotic rate of convergence, to hold against ρ(G).</summary>
        public double MeasuredRate(int window = 10)
        {
            var usable = Residuals.Where(r => r > 1e-13).ToList();
            var w = Math.Min(window, usable.Count - 1);
            return w < 1 ? double.NaN : Math.Pow(usable[^1] / usable[^(w + 1)], 1.0 / w);
        }
    }

    public Result Solve(Matrix<double> a, Vector<double> b, Vector<double>? start = null)
    {
        Validate(a, b);
        var x = start?.Clone() ?? Vector<double>.Build.Dense(b.Count);
        var bNorm = Math.Max(b.L2Norm(), double.Epsilon);
        var initial = (b - a * x).L2Norm() / bNorm;
        var residuals = new List<double> { initial };
        for (var k = 1; k <= maxIterations; k++)
        {
            if (bug == IterationBug.JacobiSweep) JacobiSweep(a, b, x);
            else Sweep(a, b, x);
            var residual = (b - a * x).L2Norm() / bNorm;
            residuals.Add(residual);
            if (residual <= tolerance) return new Result(x, k, residuals);
            if (!double.IsFinite(residual) || residual > divergenceFactor * Math.Max(initial, tolerance))
                throw new DivergenceException("Gauss–Seidel", k, residual,
                    $"the residual grew {residual / initial:G3}-fold; the spectral radius of the iteration matrix −(D + L)⁻¹U is {SpectralRadius(a):G4} (convergence needs < 1)");
        }
        throw new NonConvergenceException("Gauss–Seidel", maxIterations, residuals[^1], tolerance);
    }

    /// <summary>One Gauss–Seidel sweep, updating <paramref name="x"/> in place.</summary>
    internal static void Sweep(Matrix<double> a, Vector<double> b, Vector<double> x)
    {
        #region Exercise 2.4-3a: one Gauss–Seidel sweep in place, each new value used at once (tests: GaussSeidelTests.One_sweep_uses_each_new_value_at_once, GaussSeidelTests.A_diagonally_dominant_system_converges_to_the_lu_solution, GaussSeidelTests.The_spectral_radius_of_the_iteration_matrix_matches_theory_for_the_tridiagonal_system, GaussSeidelTests.The_spectral_radius_of_a_two_by_two_system_is_its_closed_form, GaussSeidelTests.The_measured_rate_equals_the_spectral_radius_on_a_dense_system, GaussSeidelTests.A_system_with_spectral_radius_above_one_is_reported_as_divergent, GaussSeidelTests.Too_few_sweeps_is_a_typed_non_convergence, GaussSeidelTests.The_rate_check_catches_a_jacobi_sweep)
        var n = b.Count;
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var j = 0; j < n; j++)
                if (j != i) sum -= a[i, j] * x[j];
            x[i] = sum / a[i, i];
        }
        #endregion
    }

    /// <summary>ρ(G) for G = −(D + L)⁻¹U, by MathNet's eigenvalues: the rate the sweeps converge at, or diverge if ≥ 1.</summary>
    public static double SpectralRadius(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        #region Exercise 2.4-3d: the Gauss–Seidel iteration matrix and its spectral radius (tests: GaussSeidelTests.One_sweep_uses_each_new_value_at_once, GaussSeidelTests.A_diagonally_dominant_system_converges_to_the_lu_solution, GaussSeidelTests.The_spectral_radius_of_the_iteration_matrix_matches_theory_for_the_tridiagonal_system, GaussSeidelTests.The_spectral_radius_of_a_two_by_two_system_is_its_closed_form, GaussSeidelTests.The_measured_rate_equals_the_spectral_radius_on_a_dense_system, GaussSeidelTests.A_system_with_spectral_radius_above_one_is_reported_as_divergent, GaussSeidelTests.Too_few_sweeps_is_a_typed_non_convergence, GaussSeidelTests.The_rate_check_catches_a_jacobi_sweep)
        var lowerWithDiagonal = a.LowerTriangle();
        var strictlyUpper = a.StrictlyUpperTriangle();
        var g = -lowerWithDiagonal.Solve(strictlyUpper);
        return g.Evd().EigenValues.Select(e => e.Magnitude).Max();
        #endregion
    }

    /// <summary>The planted bug: Jacobi's sweep, every update from the previous iterate only.</summary>
    private static void JacobiSweep(Matrix<double> a, Vector<double> b, Vector<double> x)
    {
        var old = x.Clone();
        for (var i = 0; i < b.Count; i++)
        {
            var sum = b[i];
            for (var j = 0; j < b.Count; j++)
                if (j != i) sum -= a[i, j] * old[j];
            x[i] = sum / a[i, i];
        }
    }

    private static void Validate(Matrix<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != a.ColumnCount) throw new ArgumentException($"A is {a.RowCount} × {a.ColumnCount}; Gauss–Seidel needs a square matrix", nameof(a));
        if (b.Count != a.RowCount) throw new ArgumentException($"b has {b.Count} entries but A has {a.RowCount} rows", nameof(b));
        for (var i = 0; i < a.RowCount; i++)
            if (a[i, i] == 0) throw new ZeroPivotException(i);
    }

    /// <summary>Whether |a_ii| &gt; Σ_{j≠i} |a_ij| in every row: a sufficient condition for convergence.</summary>
    public static bool IsStrictlyDiagonallyDominant(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Enumerable.Range(0, a.RowCount).All(i => Math.Abs(a[i, i]) > a.Row(i).L1Norm() - Math.Abs(a[i, i]));
    }
}
