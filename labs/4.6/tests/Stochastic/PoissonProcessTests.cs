using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class PoissonProcessTests
{
    [Fact]
    [Goal("4.6-3")]
    public void The_empirical_rate_and_the_mean_gap_match_lambda()
    {
        const double lambda = 2.5;
        const double horizon = 4_000;
        var path = new PoissonProcess(lambda).Simulate(horizon, new Random(6));
        // N(T) ~ Poisson(λT): N(T)/T has standard deviation √(λ/T).
        Assert.InRange(path.EmpiricalRate, lambda - 4 * Math.Sqrt(lambda / horizon), lambda + 4 * Math.Sqrt(lambda / horizon));
        Assert.InRange(path.Gaps.Average() * lambda, 0.95, 1.05);
        Assert.Equal(path.Times[^1], path.Gaps.Sum(), 9);
        Assert.True(path.Times[^1] <= horizon);
    }

    [Fact]
    [Goal("4.6-3")]
    public void Arrivals_are_counted_in_their_unit_window()
    {
        double[] times = [0.1, 0.5, 1.2, 2.9, 2.95, 3.5];
        Assert.Equal([2, 1, 2], new PoissonProcess(1).CountsPerUnitWindow(times, 3));
        Assert.Equal([3, 2, 3], new PoissonProcess(1, StochasticBug.CountsOffByOne).CountsPerUnitWindow(times, 3));
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_planted_uniform_gaps_keep_the_rate_so_only_a_distribution_test_can_see_them()
    {
        const double lambda = 4;
        var path = new PoissonProcess(lambda, StochasticBug.UniformInterArrivals).Simulate(2_000, new Random(6));
        Assert.InRange(path.EmpiricalRate, lambda - 4 * Math.Sqrt(lambda / 2_000), lambda + 4 * Math.Sqrt(lambda / 2_000));
        Assert.True(path.Gaps.Max() <= 2 / lambda);
    }
}
