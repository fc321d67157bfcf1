using System.Numerics;

namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>The binomial and Poisson probabilities written from their formulas, with exact integer binomial coefficients
/// and factorials: the independent reference for MathNet's values.</summary>
public static class ExactBinomial
{
    public static BigInteger Choose(int n, int k)
    {
        if (k < 0 || k > n) return BigInteger.Zero;
        k = Math.Min(k, n - k);
        BigInteger r = BigInteger.One;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i; // exact: each partial product is C(n−k+i, i)
        return r;
    }

    /// <summary>C(n, k)·p^k·(1 − p)^(n − k).</summary>
    public static double Pmf(int n, int k, double p) => (double)Choose(n, k) * Math.Pow(p, k) * Math.Pow(1 - p, n - k);

    /// <summary>e^(−λ)·λ^k / k!, the factorial exact.</summary>
    public static double PoissonPmf(double lambda, int k)
    {
        BigInteger factorial = BigInteger.One;
        for (var i = 2; i <= k; i++) factorial *= i;
        return Math.Exp(-lambda + k * Math.Log(lambda) - BigInteger.Log(factorial));
    }

    /// <summary>∫ f over [a, b] by composite Simpson with an even number of intervals.</summary>
    public static double Simpson(Func<double, double> f, double a, double b, int intervals = 2000)
    {
        if (intervals % 2 == 1) intervals++;
        var h = (b - a) / intervals;
        var sum = f(a) + f(b);
        for (var i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
