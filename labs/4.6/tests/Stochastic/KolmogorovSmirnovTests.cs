using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class KolmogorovSmirnovTests(ITestOutputHelper output)
{
    private const double Lambda = 4;

    private static double ExponentialCdf(double x) => x <= 0 ? 0 : 1 - Math.Exp(-Lambda * x);

    private static double UniformCdf(double x) => Math.Clamp(x, 0, 1);

    [Fact]
    [Goal("4.6-3")]
    public void A_single_point_at_the_median_of_the_uniform_has_distance_one_half()
    {
        Assert.Equal(0.5, GoodnessOfFit.KolmogorovSmirnov([0.5], UniformCdf).Statistic, 15);
        Assert.Equal(0.75, GoodnessOfFit.KolmogorovSmirnov([0.25], UniformCdf).Statistic, 15);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_statistic_equals_a_direct_evaluation_of_the_empirical_cdf_on_both_sides_of_each_jump()
    {
        var random = new Random(4);
        var sample = Enumerable.Range(0, 60).Select(_ => random.NextDouble() * 1.2 - 0.1).ToArray();
        // Fₙ(x) counts points ≤ x, Fₙ(x−) points < x; the supremum of |Fₙ − F| is at one of them at some sample point.
        var reference = sample.Max(x => Math.Max(
            Math.Abs(sample.Count(y => y <= x) / 60.0 - UniformCdf(x)),
            Math.Abs(sample.Count(y => y < x) / 60.0 - UniformCdf(x))));
        Assert.Equal(reference, GoodnessOfFit.KolmogorovSmirnov(sample, UniformCdf).Statistic, 14);
    }

    [Fact]
    [Goal("4.6-3")]
    public void Exponential_gaps_are_not_rejected_and_the_p_value_matches_the_exact_distribution()
    {
        var path = new PoissonProcess(Lambda).Simulate(400, new Random(8));
        var ks = GoodnessOfFit.KolmogorovSmirnov(path.Gaps, ExponentialCdf);
        var exact = 1 - KolmogorovDistribution.ExactCdf(ks.N, ks.Statistic);
        output.WriteLine($"n = {ks.N}, D = {ks.Statistic:G4}, p = {ks.PValue:G4}, exact p = {exact:G4}");
        Assert.False(ks.RejectsAt(0.01));
        Assert.True(Math.Abs(ks.PValue - exact) <= 0.005);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_test_rejects_at_its_nominal_rate_under_the_null()
    {
        var random = new Random(21);
        const int trials = 400;
        var rejected = 0;
        for (var t = 0; t < trials; t++)
        {
            var sample = Enumerable.Range(0, 80).Select(_ => random.NextDouble()).ToArray();
            if (GoodnessOfFit.KolmogorovSmirnov(sample, UniformCdf).RejectsAt(0.05)) rejected++;
        }
        output.WriteLine($"{rejected} of {trials} rejected at 0.05");
        // Binomial(400, 0.05) has standard deviation 4.4: 20 ± 4 standard deviations.
        Assert.InRange(rejected, 3, 38);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_test_rejects_uniform_inter_arrival_times()
    {
        var path = new PoissonProcess(Lambda, StochasticBug.UniformInterArrivals).Simulate(400, new Random(8));
        var ks = GoodnessOfFit.KolmogorovSmirnov(path.Gaps, ExponentialCdf);
        output.WriteLine($"n = {ks.N}, D = {ks.Statistic:G4}, p = {ks.PValue:G4}");
        Assert.True(ks.RejectsAt(0.01));
    }
}
