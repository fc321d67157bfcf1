namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>
/// The distribution of the Kolmogorov–Smirnov statistic: the limit law of √n·Dₙ (Kolmogorov, 1933) by two series that
/// converge at opposite ends, and the exact law of Dₙ for finite n by the matrix method of Marsaglia, Tsang and Wang
/// (2003).
/// </summary>
public static class KolmogorovDistribution
{
    /// <summary>Pr(K &gt; x) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²x²}: fast for x ≳ 1.</summary>
    public static double Survival(double x)
    {
        if (x <= 0) return 1;
        if (x < 0.6) return 1 - CdfByTheta(x);
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * x * x);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-17) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>Pr(K ≤ x) = (√(2π)/x) Σ_{k≥1} e^{−(2k−1)²π²/(8x²)}, Jacobi's form of the same law: fast for small x.</summary>
    public static double CdfByTheta(double x)
    {
        if (x <= 0) return 0;
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-(2.0 * k - 1) * (2.0 * k - 1) * Math.PI * Math.PI / (8 * x * x));
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return Math.Clamp(Math.Sqrt(2 * Math.PI) / x * sum, 0, 1);
    }

    /// <summary>The p-value Pr(Dₙ ≥ d) from the limit law with Stephens' (1970) finite-n correction,
    /// Pr(K &gt; (√n + 0.12 + 0.11/√n)·d).</summary>
    public static double AsymptoticPValue(int n, double d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var root = Math.Sqrt(n);
        return Survival((root + 0.12 + 0.11 / root) * d);
    }

    /// <summary>The exact Pr(Dₙ &lt; d) for a continuous null distribution (Marsaglia, Tsang and Wang, 2003): an entry
    /// of Hⁿ for a (2k − 1)-square matrix H, k = ⌊nd⌋ + 1, powered by squaring with the exponent kept apart so
    /// nothing overflows. Far in the tail (nd² &gt; 7.24, or &gt; 3.76 with n &gt; 99) their own tail formula is used.</summary>
    public static double ExactCdf(int n, double d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (d <= 0) return 0;
        if (d >= 1) return 1;
        var s = d * d * n;
        if (s > 7.24 || (s > 3.76 && n > 99))
            return 1 - 2 * Math.Exp(-(2.000071 + 0.331 / Math.Sqrt(n) + 1.409 / n) * s);
        var k = (int)(n * d) + 1;
        var m = 2 * k - 1;
        var h = k - n * d;
        var hm = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                hm[i, j] = i - j + 1 < 0 ? 0 : 1;
        for (var i = 0; i < m; i++)
        {
            hm[i, 0] -= Math.Pow(h, i + 1);
            hm[m - 1, i] -= Math.Pow(h, m - i);
        }
        hm[m - 1, 0] += 2 * h - 1 > 0 ? Math.Pow(2 * h - 1, m) : 0;
        for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                for (var g = 1; g <= i - j + 1; g++)
                    hm[i, j] /= g;
        var (q, exponent) = Power(hm, n);
        var result = q[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            result = result * i / n;
            if (result < 1e-140)
            {
                result *= 1e140;
                exponent -= 140;
            }
        }
        return Math.Clamp(result * Math.Pow(10, exponent), 0, 1);
    }

    private static (double[,] Matrix, int Exponent) Power(double[,] a, int n)
    {
        if (n == 1) return ((double[,])a.Clone(), 0);
        var (half, exponent) = Power(a, n / 2);
        var result = Multiply(half, half);
        exponent *= 2;
        if (n % 2 == 1) result = Multiply(a, result);
        var m = a.GetLength(0);
        if (result[m / 2, m / 2] > 1e140)
        {
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                    result[i, j] *= 1e-140;
            exponent += 140;
        }
        return (result, exponent);
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var c = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0) continue;
                for (var j = 0; j < m; j++) c[i, j] += ail * b[l, j];
            }
        return c;
    }
}
