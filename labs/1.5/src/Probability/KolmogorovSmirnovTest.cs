namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>
/// The one-sample Kolmogorov–Smirnov test of a continuous model: D = sup |Fₙ(x) − F(x)|, the largest gap between the
/// empirical CDF and the model's. For a true model √n·D tends to the Kolmogorov distribution, whose tail is
/// Q(λ) = 2 Σ_{k≥1} (−1)^(k−1) e^(−2k²λ²); Stephens' correction λ = (√n + 0.12 + 0.11/√n)·D makes it accurate for small n.
/// </summary>
public static class KolmogorovSmirnovTest
{
    public static GoodnessOfFit Test(IReadOnlyList<double> samples, Func<double, double> cdf)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples: the KS test needs at least one.", nameof(samples));
        if (samples.Any(double.IsNaN)) throw new ArgumentException("A sample is NaN: the KS test needs real numbers.", nameof(samples));
        var sorted = samples.Order().ToArray();
        var d = Statistic(sorted, cdf);
        var sqrtN = Math.Sqrt(sorted.Length);
        return new GoodnessOfFit("KS", d, 0, KolmogorovTail((sqrtN + 0.12 + 0.11 / sqrtN) * d), sorted.Length);
    }

    /// <summary>D for sorted samples: at the i-th smallest the empirical CDF jumps from i/n to (i+1)/n, so both sides count.</summary>
    internal static double Statistic(IReadOnlyList<double> sorted, Func<double, double> cdf)
    {
        #region Exercise 1.5-3d: the KS statistic, the largest gap on either side of each step of the empirical CDF (tests: KolmogorovSmirnovTests.The_statistic*, KolmogorovSmirnovTests.Uniform*)
        var n = sorted.Count;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return d;
        #endregion
    }

    /// <summary>Q(λ) = P(K &gt; λ) for the Kolmogorov distribution K.</summary>
    public static double KolmogorovTail(double lambda)
    {
        if (lambda < 0.2) return 1.0; // the series converges slowly there, and the tail is 1 to 15 digits
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-16) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
