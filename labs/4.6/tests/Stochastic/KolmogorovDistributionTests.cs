using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class KolmogorovDistributionTests
{
    [Fact]
    [Goal("4.6-3")]
    public void The_alternating_series_and_jacobis_form_agree()
    {
        for (var x = 0.6; x <= 3; x += 0.05)
        {
            var alternating = KolmogorovDistribution.Survival(x);
            var theta = 1 - KolmogorovDistribution.CdfByTheta(x);
            Assert.True(Math.Abs(alternating - theta) <= 1e-12, $"x = {x}: {alternating} against {theta}");
        }
    }

    [Theory]
    [Goal("4.6-3")]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(0.95)]
    public void With_one_observation_the_exact_law_is_two_d_minus_one(double d)
    {
        // One point x ~ U(0, 1): D₁ = max(x, 1 − x), so Pr(D₁ < d) = 2d − 1 for ½ ≤ d ≤ 1.
        Assert.Equal(2 * d - 1, KolmogorovDistribution.ExactCdf(1, d), 12);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_exact_law_approaches_the_limit_law_as_n_grows()
    {
        var x = 1.0;
        var gaps = new[] { 50, 200, 800 }.Select(n => Math.Abs(1 - KolmogorovDistribution.ExactCdf(n, x / Math.Sqrt(n)) - KolmogorovDistribution.Survival(x))).ToArray();
        Assert.True(gaps[0] > gaps[1] && gaps[1] > gaps[2], string.Join(", ", gaps));
        Assert.True(gaps[2] < 0.01);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_exact_law_matches_a_simulation_of_the_statistic()
    {
        // Dₙ of uniform samples, computed here from its definition, against the exact Pr(Dₙ < d).
        const int n = 20;
        const int trials = 4_000;
        var random = new Random(9);
        var below = 0;
        const double d = 0.2;
        for (var t = 0; t < trials; t++)
        {
            var sample = Enumerable.Range(0, n).Select(_ => random.NextDouble()).Order().ToArray();
            var dn = Enumerable.Range(0, n).Max(i => Math.Max((i + 1.0) / n - sample[i], sample[i] - (double)i / n));
            if (dn < d) below++;
        }
        var exact = KolmogorovDistribution.ExactCdf(n, d);
        var se = Math.Sqrt(exact * (1 - exact) / trials);
        Assert.True(Math.Abs((double)below / trials - exact) <= 4 * se, $"{(double)below / trials} against {exact}");
    }
}
