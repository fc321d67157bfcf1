using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>
/// The two tests that hold a simulated Poisson process to its law: Kolmogorov–Smirnov for a continuous sample against a
/// fully specified CDF (the gaps against Exp(λ)), and chi-square for counts against Poisson(λ) with the bins merged until
/// each expects at least five windows.
/// </summary>
public static class GoodnessOfFit
{
    /// <summary>The smallest expected count a chi-square bin may have.</summary>
    public const double MinimumExpected = 5;

    /// <summary>The one-sample KS test of <paramref name="sample"/> against the continuous CDF <paramref name="cdf"/>.</summary>
    public static KolmogorovSmirnovResult KolmogorovSmirnov(IReadOnlyList<double> sample, Func<double, double> cdf)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(cdf);
        if (sample.Count == 0) throw new TooFewBinsException("the Kolmogorov–Smirnov test got an empty sample.");
        var d = KolmogorovSmirnovStatistic(sample, cdf);
        return new KolmogorovSmirnovResult(sample.Count, d, KolmogorovDistribution.AsymptoticPValue(sample.Count, d));
    }

    /// <summary>Dₙ = max over the sorted sample x₍ᵢ₎ of max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n): the empirical CDF jumps
    /// at each point, so the supremum is reached just before or at one of them.</summary>
    internal static double KolmogorovSmirnovStatistic(IReadOnlyList<double> sample, Func<double, double> cdf)
    {
        #region Exercise 4.6-3d: the Kolmogorov–Smirnov statistic of a sample against a continuous CDF (tests: KolmogorovSmirnovTests)
        var sorted = sample.Order().ToArray();
        var n = (double)sorted.Length;
        var d = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1) / n - f, f - i / n));
        }
        return d;
        #endregion
    }

    /// <summary>The chi-square test of per-window counts against Poisson(<paramref name="mean"/>).</summary>
    public static ChiSquareResult ChiSquarePoisson(IReadOnlyList<int> counts, double mean)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (!double.IsFinite(mean) || mean <= 0) throw new InvalidRateException("the Poisson mean", mean);
        var bins = PoissonBins(counts, mean);
        if (bins.Count < 2)
            throw new TooFewBinsException($"{counts.Count} windows with mean {mean} leave {bins.Count} bin expecting ≥ {MinimumExpected}: a chi-square test needs at least two.");
        var statistic = bins.Sum(b => (b.Observed - b.Expected) * (b.Observed - b.Expected) / b.Expected);
        var df = bins.Count - 1;
        return new ChiSquareResult(bins, statistic, df, 1 - ChiSquared.CDF(df, statistic));
    }

    /// <summary>Bins over 0, 1, 2, … whose expected counts, windows × Pr(X = k) summed over the bin, are each ≥ 5: a bin
    /// closes once it expects 5 and the tail beyond it still expects 5; the last bin is open ("≥ k") and takes the tail.</summary>
    internal static IReadOnlyList<ChiSquareBin> PoissonBins(IReadOnlyList<int> counts, double mean)
    {
        #region Exercise 4.6-3e: Poisson bins merged until each expects at least five, with their observed counts (tests: ChiSquareTests)
        var windows = (double)counts.Count;
        var bins = new List<ChiSquareBin>();
        var low = 0;
        var expected = 0.0;
        var cumulative = 0.0;
        for (var k = 0; ; k++)
        {
            var p = Poisson.PMF(mean, k);
            expected += windows * p;
            cumulative += p;
            var tail = windows * Math.Max(0, 1 - cumulative);
            if (tail < MinimumExpected)
            {
                bins.Add(new ChiSquareBin(low, null, 0, expected + tail));
                break;
            }
            if (expected >= MinimumExpected)
            {
                bins.Add(new ChiSquareBin(low, k, 0, expected));
                low = k + 1;
                expected = 0;
            }
        }
        // A last bin expecting fewer than five joins the one before it.
        if (bins.Count >= 2 && bins[^1].Expected < MinimumExpected)
        {
            var last = bins[^1];
            bins.RemoveAt(bins.Count - 1);
            bins[^1] = new ChiSquareBin(bins[^1].Low, null, 0, bins[^1].Expected + last.Expected);
        }
        return bins.Select(b => b with { Observed = counts.Count(c => c >= b.Low && (b.High is null || c <= b.High)) }).ToList();
        #endregion
    }
}
