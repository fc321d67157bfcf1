using StatelessMind.Labs.NumericalMethods.Bayes;

namespace StatelessMind.Labs.NumericalMethods.Tests.Bayes;

public sealed class ChainDiagnosticsTests
{
    private static double[] Iid(int n, int seed, double mean = 0)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => mean + MetropolisHastings.StandardNormal(random))];
    }

    /// <summary>x_t = φ x_{t−1} + √(1 − φ²) ε_t: stationary N(0, 1) with autocorrelation φ^k.</summary>
    private static double[] Ar1(int n, double phi, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        x[0] = MetropolisHastings.StandardNormal(random);
        for (var t = 1; t < n; t++) x[t] = phi * x[t - 1] + Math.Sqrt(1 - phi * phi) * MetropolisHastings.StandardNormal(random);
        return x;
    }

    [Fact]
    [Goal("2.4-1")]
    public void Independent_draws_have_rhat_near_one_and_an_ess_near_their_count()
    {
        var chains = Enumerable.Range(0, 4).Select(c => Iid(5000, c)).ToList();
        Assert.InRange(ChainDiagnostics.SplitRhat(chains), 0.995, 1.005);
        Assert.InRange(ChainDiagnostics.EffectiveSampleSize(chains), 0.85 * 20_000, 1.15 * 20_000);
    }

    [Fact]
    [Goal("2.4-1")]
    public void An_autocorrelated_chain_has_the_ess_its_autocorrelation_implies()
    {
        // ESS = N (1 − φ)/(1 + φ) for AR(1).
        const double phi = 0.8;
        var chains = Enumerable.Range(0, 4).Select(c => Ar1(20_000, phi, 10 + c)).ToList();
        var expected = 80_000 * (1 - phi) / (1 + phi);
        Assert.InRange(ChainDiagnostics.EffectiveSampleSize(chains), 0.8 * expected, 1.2 * expected);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Chains_around_different_values_have_a_large_rhat()
    {
        var chains = new List<double[]> { Iid(2000, 1), Iid(2000, 2), Iid(2000, 3, mean: 1), Iid(2000, 4) };
        Assert.True(ChainDiagnostics.SplitRhat(chains) > 1.05);
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_drifting_chain_is_caught_by_splitting_it()
    {
        // One chain, still moving: its halves disagree although nothing compares it with another chain.
        var drifting = Iid(4000, 5).Select((v, i) => v + i / 1000.0).ToArray();
        Assert.True(ChainDiagnostics.SplitRhat([drifting]) > 1.1);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Chains_of_different_lengths_are_refused_with_their_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => ChainDiagnostics.SplitRhat([Iid(100, 1), Iid(90, 2)]));
        Assert.Contains("100, 90", error.Message, StringComparison.Ordinal);
    }
}
