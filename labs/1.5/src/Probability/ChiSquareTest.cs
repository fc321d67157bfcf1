using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>
/// Pearson's χ² test of counts against model probabilities: X² = Σ (O − E)²/E over the bins, which for a true model
/// follows χ² with (bins − 1) degrees of freedom as long as each expected count is not too small. Bins expected to
/// hold fewer than <see cref="MinimumExpected"/> are merged with their neighbour (from the tails inward).
/// </summary>
public static class ChiSquareTest
{
    public const double MinimumExpected = 5;

    /// <param name="observed">Counts per outcome 0, 1, 2, …</param>
    /// <param name="probabilities">The model's probability of each outcome; what they miss of 1 is added to the last bin.</param>
    public static GoodnessOfFit Test(IReadOnlyList<long> observed, IReadOnlyList<double> probabilities)
    {
        if (observed.Count != probabilities.Count)
            throw new ArgumentException($"{observed.Count} observed counts but {probabilities.Count} probabilities: one probability per count is expected.", nameof(probabilities));
        for (var i = 0; i < probabilities.Count; i++)
            if (probabilities[i] is < 0 or > 1 or double.NaN)
                throw new DistributionParameterException("χ² test", $"probabilities[{i}]", probabilities[i], "a probability in [0, 1]");
        var n = observed.Sum();
        if (n == 0) throw new ArgumentException("No observations: a χ² test needs counts.", nameof(observed));
        var (o, e) = MergeSmallBins(observed, probabilities, n);
        if (o.Count < 2) throw new ArgumentException($"Only {o.Count} bin holds an expected count ≥ {MinimumExpected}: take more samples.", nameof(observed));
        var statistic = Statistic(o, e);
        var dof = o.Count - 1;
        return new GoodnessOfFit("χ²", statistic, dof, 1 - ChiSquared.CDF(dof, statistic), (int)n);
    }

    /// <summary>Counts and expected counts after merging small bins; the last bin takes the model's remaining probability.</summary>
    internal static (List<double> Observed, List<double> Expected) MergeSmallBins(IReadOnlyList<long> observed, IReadOnlyList<double> probabilities, long n)
    {
        var expected = probabilities.Select(p => p * n).ToList();
        expected[^1] += Math.Max(0, 1 - probabilities.Sum()) * n;
        var o = observed.Select(c => (double)c).ToList();
        var e = expected;
        // Fold the left tail into its right neighbour, then the right tail into its left neighbour.
        while (e.Count > 1 && e[0] < MinimumExpected)
        {
            e[1] += e[0]; o[1] += o[0];
            e.RemoveAt(0); o.RemoveAt(0);
        }
        while (e.Count > 1 && e[^1] < MinimumExpected)
        {
            e[^2] += e[^1]; o[^2] += o[^1];
            e.RemoveAt(e.Count - 1); o.RemoveAt(o.Count - 1);
        }
        return (o, e);
    }

    /// <summary>X² = Σ (O − E)² / E.</summary>
    internal static double Statistic(IReadOnlyList<double> observed, IReadOnlyList<double> expected)
    {
        #region Exercise 1.5-3c: Pearson's statistic, the sum of squared differences over expected counts (tests: ChiSquareTests.The_statistic*, ChiSquareTests.Counts*)
        var sum = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var d = observed[i] - expected[i];
            sum += d * d / expected[i];
        }
        return sum;
        #endregion
    }
}
