namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// Convergence diagnostics over several chains of one scalar quantity (Gelman et al., Bayesian Data Analysis, 3rd ed.,
/// §11.4–11.5). Every chain is split in half first, so that a chain still drifting looks like two chains that disagree.
/// <para>Split R̂ = √(var⁺ / W), where W is the mean within-half variance and var⁺ = (n − 1)/n·W + B/n adds the
/// variance between the halves' means (B = n · their variance). Chains that have forgotten their starts give R̂ ≈ 1;
/// above 1.01 they have not mixed.</para>
/// <para>Effective sample size = m·n / (1 + 2 Σ ρ̂_t), with ρ̂_t = 1 − (W − mean autocovariance at lag t) / var⁺
/// summed over Geyer's initial positive sequence: pairs ρ̂_{2k} + ρ̂_{2k+1} while they stay positive, made monotone.</para>
/// </summary>
public static class ChainDiagnostics
{
    /// <summary>Split R̂ of the chains (each a sequence of draws of one quantity, all of the same length ≥ 4).</summary>
    public static double SplitRhat(IReadOnlyList<double[]> chains)
    {
        var halves = SplitHalves(chains);
        #region Exercise 2.4-1c: split R-hat from within- and between-half variances (tests: ChainDiagnosticsTests.Independent_draws_have_rhat_near_one_and_an_ess_near_their_count, ChainDiagnosticsTests.An_autocorrelated_chain_has_the_ess_its_autocorrelation_implies, ChainDiagnosticsTests.Chains_around_different_values_have_a_large_rhat, ChainDiagnosticsTests.A_drifting_chain_is_caught_by_splitting_it)
        var n = halves[0].Length;
        var means = halves.Select(h => h.Average()).ToArray();
        var within = halves.Select((h, j) => h.Sum(v => (v - means[j]) * (v - means[j])) / (n - 1)).Average();
        var grand = means.Average();
        var between = n * means.Sum(m => (m - grand) * (m - grand)) / (halves.Count - 1);
        var pooled = (n - 1.0) / n * within + between / n;
        return Math.Sqrt(pooled / within);
        #endregion
    }

    /// <summary>The effective sample size of all the chains together (split in halves, as for R̂).</summary>
    public static double EffectiveSampleSize(IReadOnlyList<double[]> chains)
    {
        var halves = SplitHalves(chains);
        var n = halves[0].Length;
        var m = halves.Count;
        var means = halves.Select(h => h.Average()).ToArray();
        var variances = halves.Select((h, j) => h.Sum(v => (v - means[j]) * (v - means[j])) / (n - 1)).ToArray();
        var within = variances.Average();
        var grand = means.Average();
        var between = n * means.Sum(x => (x - grand) * (x - grand)) / (m - 1);
        var pooled = (n - 1.0) / n * within + between / n;
        #region Exercise 2.4-1c: the effective sample size with Geyer's initial monotone sequence (tests: ChainDiagnosticsTests.Independent_draws_have_rhat_near_one_and_an_ess_near_their_count, ChainDiagnosticsTests.An_autocorrelated_chain_has_the_ess_its_autocorrelation_implies, ChainDiagnosticsTests.Chains_around_different_values_have_a_large_rhat, ChainDiagnosticsTests.A_drifting_chain_is_caught_by_splitting_it)
        double Rho(int lag) => 1 - (within - halves.Select((h, j) => Autocovariance(h, means[j], lag)).Average()) / pooled;
        var sum = 0.0;
        var previousPair = double.PositiveInfinity;
        for (var t = 0; t + 1 < n; t += 2)
        {
            var pair = (t == 0 ? 1.0 : Rho(t)) + Rho(t + 1);
            if (pair <= 0) break;
            pair = Math.Min(pair, previousPair); // monotone: a later pair cannot exceed an earlier one
            sum += pair;
            previousPair = pair;
        }
        // Σ over pairs counts ρ₀ = 1 once: τ = −1 + 2 Σ pairs = 1 + 2 Σ_{t≥1} ρ_t.
        var tau = -1 + 2 * sum;
        return m * n / Math.Max(tau, 1.0 / Math.Log10(m * (double)n));
        #endregion
    }

    /// <summary>The biased (divide by n) autocovariance of one chain at a lag, as the spectral estimators use.</summary>
    internal static double Autocovariance(double[] chain, double mean, int lag)
    {
        var s = 0.0;
        for (var i = 0; i + lag < chain.Length; i++) s += (chain[i] - mean) * (chain[i + lag] - mean);
        return s / chain.Length;
    }

    internal static List<double[]> SplitHalves(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("no chains given", nameof(chains));
        var length = chains[0].Length;
        if (length < 4) throw new ArgumentException($"a chain has {length} draws; diagnostics need at least 4", nameof(chains));
        if (chains.Any(c => c.Length != length))
            throw new ArgumentException($"chains differ in length ({string.Join(", ", chains.Select(c => c.Length).Distinct())}); give them all the same number of draws", nameof(chains));
        var half = length / 2;
        return [.. chains.SelectMany(c => new[] { c[..half], c[(length - half)..] })];
    }
}
