namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>R (p × p, upper triangular) and Qᵀy (length n) of X = QR: the least-squares solution solves Rβ = (Qᵀy)[0..p),
/// and the residual sum of squares is Σ (Qᵀy)[p..n)² — no X'X is ever formed, so the condition number is not squared.</summary>
public sealed record QrFactors(double[,] R, double[] QtY);

/// <summary>Householder QR of a tall design matrix, applied to the response as it goes (Golub and Van Loan, §5.2).</summary>
public static class HouseholderQr
{
    /// <summary>Reduces <paramref name="design"/> (n × p, n ≥ p) to upper-triangular R by p Householder reflections
    /// H = I − 2vvᵀ/vᵀv, applying each to the response too. Neither argument is modified.</summary>
    public static QrFactors Factor(double[,] design, double[] response)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(response);
        #region Exercise 4.6-1a: Householder QR of the design, applying each reflection to the response too (tests: HouseholderQrTests, LongleyTests)
        var n = design.GetLength(0);
        var p = design.GetLength(1);
        var a = (double[,])design.Clone();
        var b = (double[])response.Clone();
        var v = new double[n];
        for (var k = 0; k < p; k++)
        {
            var norm = 0.0;
            for (var i = k; i < n; i++) norm += a[i, k] * a[i, k];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            // Reflect x = a[k.., k] onto ∓‖x‖e₁, choosing the sign away from x₀ so that v = x − αe₁ suffers no cancellation.
            var alpha = a[k, k] > 0 ? -norm : norm;
            var vv = 0.0;
            for (var i = k; i < n; i++)
            {
                v[i] = a[i, k] - (i == k ? alpha : 0);
                vv += v[i] * v[i];
            }
            for (var j = k; j < p; j++)
            {
                var s = 0.0;
                for (var i = k; i < n; i++) s += v[i] * a[i, j];
                var f = 2 * s / vv;
                for (var i = k; i < n; i++) a[i, j] -= f * v[i];
            }
            var t = 0.0;
            for (var i = k; i < n; i++) t += v[i] * b[i];
            var g = 2 * t / vv;
            for (var i = k; i < n; i++) b[i] -= g * v[i];
        }
        var r = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = i; j < p; j++) r[i, j] = a[i, j];
        return new QrFactors(r, b);
        #endregion
    }

    /// <summary>R⁻¹ of an upper-triangular R with a non-zero diagonal, column by column by back substitution; the
    /// unscaled covariance (XᵀX)⁻¹ = R⁻¹R⁻ᵀ follows from it without forming XᵀX.</summary>
    public static double[,] InvertUpper(double[,] r)
    {
        ArgumentNullException.ThrowIfNull(r);
        #region Exercise 4.6-1b: invert the triangular factor R by back substitution (tests: HouseholderQrTests.The_inverse_of_r_times_r_is_the_identity, HouseholderQrTests.The_unscaled_covariance_equals_the_inverse_of_x_transpose_x, LongleyTests)
        var p = r.GetLength(0);
        var inverse = new double[p, p];
        for (var column = 0; column < p; column++)
        {
            // Solve R z = e_column from the bottom up; z is zero below the diagonal because R⁻¹ is upper triangular too.
            for (var i = column; i >= 0; i--)
            {
                var sum = i == column ? 1.0 : 0.0;
                for (var k = i + 1; k <= column; k++) sum -= r[i, k] * inverse[k, column];
                inverse[i, column] = sum / r[i, i];
            }
        }
        return inverse;
        #endregion
    }

    /// <summary>The diagonal of (XᵀX)⁻¹ = R⁻¹R⁻ᵀ: Σₖ (R⁻¹)ⱼₖ² for each j.</summary>
    public static double[] UnscaledVariances(double[,] rInverse)
    {
        ArgumentNullException.ThrowIfNull(rInverse);
        var p = rInverse.GetLength(0);
        var d = new double[p];
        for (var j = 0; j < p; j++)
            for (var k = 0; k < p; k++) d[j] += rInverse[j, k] * rInverse[j, k];
        return d;
    }
}
