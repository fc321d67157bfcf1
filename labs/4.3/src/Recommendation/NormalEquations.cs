using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// One ALS update: with the other side's factors fixed, the factor x of a user (or item) minimises
/// Σ (r_i − x·v_i)² + λ·n·‖x‖² over its n ratings, whose solution solves (Σ v_i v_iᵀ + λ n I) x = Σ r_i v_i.
/// The matrix is symmetric positive definite when λ &gt; 0 (Cholesky); without λ it may be singular, and a
/// least-squares solution is taken (QR, or the minimum-norm SVD solution when QR finds it singular).
/// </summary>
public static class NormalEquations
{
    public static double[] Solve(IReadOnlyList<double[]> factors, IReadOnlyList<double> ratings, double lambda, int rank)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(ratings);
        if (factors.Count != ratings.Count) throw new ArgumentException("One factor per rating is needed.", nameof(factors));
        if (factors.Count == 0) return new double[rank];
        #region Exercise 4.3-3a: build A = Σ v vᵀ + λ n I and b = Σ r v, and solve A x = b (tests: NormalEquationsTests)
        var a = Matrix<double>.Build.Dense(rank, rank);
        var b = Vector<double>.Build.Dense(rank);
        for (var i = 0; i < factors.Count; i++)
        {
            var v = factors[i];
            for (var p = 0; p < rank; p++)
            {
                b[p] += ratings[i] * v[p];
                for (var q = 0; q < rank; q++) a[p, q] += v[p] * v[q];
            }
        }
        for (var p = 0; p < rank; p++) a[p, p] += lambda * factors.Count;
        var x = lambda > 0 ? a.Cholesky().Solve(b) : LeastSquares(a, b);
        return x.ToArray();
        #endregion
    }

    private static Vector<double> LeastSquares(Matrix<double> a, Vector<double> b)
    {
        var qr = a.QR();
        if (qr.IsFullRank) return qr.Solve(b);
        try
        {
            return a.Svd().Solve(b);
        }
        catch (MathNet.Numerics.NonConvergenceException)
        {
            return Vector<double>.Build.Dense(b.Count); // no usable solution: leave the factor at zero
        }
    }
}
