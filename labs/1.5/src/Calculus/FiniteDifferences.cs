namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// Derivatives from function values alone, the independent check of the symbolic ones. The forward difference
/// (f(x+h) − f(x))/h is off by O(h); the central one (f(x+h) − f(x−h))/2h by O(h²) — until h is so small that
/// rounding, about ε·|f|/h, takes over. The best h balances the two: near ε^(1/2) forward, ε^(1/3) central.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>The step the central difference uses by default: ε^(1/3) scaled by the size of x.</summary>
    public static double DefaultStep(double x) => Math.Cbrt(2.220446049250313e-16) * Math.Max(1, Math.Abs(x));

    public static double Forward(Func<double[], double> f, double[] x, int i, double h)
    {
        var shifted = (double[])x.Clone();
        shifted[i] += h;
        return (f(shifted) - f(x)) / h;
    }

    public static double Central(Func<double[], double> f, double[] x, int i, double h)
    {
        #region Exercise 1.5-2e: the central difference (f(x+h e_i) - f(x-h e_i)) / 2h (tests: FiniteDifferencesTests)
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        // The step actually taken, (x + h) − (x − h), is what divides: h itself may not be representable around x.
        return (f(plus) - f(minus)) / (plus[i] - minus[i]);
        #endregion
    }

    public static double[] Gradient(Func<double[], double> f, double[] x) =>
        Enumerable.Range(0, x.Length).Select(i => Central(f, x, i, DefaultStep(x[i]))).ToArray();

    /// <summary>H[i, j] by second central differences: (f(x+hᵢ+hⱼ) − f(x+hᵢ−hⱼ) − f(x−hᵢ+hⱼ) + f(x−hᵢ−hⱼ)) / 4hᵢhⱼ, and
    /// (f(x+h) − 2f(x) + f(x−h)) / h² on the diagonal; step ε^(1/4), so the error is O(h²) + O(ε/h²) ≈ 1e-8.</summary>
    public static double[,] Hessian(Func<double[], double> f, double[] x)
    {
        var n = x.Length;
        var h = new double[n, n];
        var steps = x.Select(v => Math.Pow(2.220446049250313e-16, 0.25) * Math.Max(1, Math.Abs(v))).ToArray();
        double At(int i, double di, int j, double dj)
        {
            var p = (double[])x.Clone();
            p[i] += di;
            p[j] += dj;
            return f(p);
        }
        var center = f(x);
        for (var i = 0; i < n; i++)
        {
            var hi = steps[i];
            h[i, i] = (At(i, hi, i, 0) - 2 * center + At(i, -hi, i, 0)) / (hi * hi);
            for (var j = i + 1; j < n; j++)
            {
                var hj = steps[j];
                h[i, j] = h[j, i] = (At(i, hi, j, hj) - At(i, hi, j, -hj) - At(i, -hi, j, hj) + At(i, -hi, j, -hj)) / (4 * hi * hj);
            }
        }
        return h;
    }
}
