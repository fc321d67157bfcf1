using SpecialFunctions = MathNet.Numerics.SpecialFunctions;
using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class ChiSquareTests(ITestOutputHelper output)
{
    private const double Lambda = 4;

    private static int[] Counts(StochasticBug bug, int windows, int seed)
    {
        var process = new PoissonProcess(Lambda, bug);
        return process.CountsPerUnitWindow(process.Simulate(windows, new Random(seed)).Times, windows);
    }

    [Theory]
    [Goal("4.6-3")]
    [InlineData(30)]
    [InlineData(400)]
    [InlineData(5_000)]
    public void The_bins_are_consecutive_each_expect_five_and_account_for_every_window(int windows)
    {
        var counts = Counts(StochasticBug.None, windows, 2);
        var bins = GoodnessOfFit.ChiSquarePoisson(counts, Lambda).Bins;
        Assert.Equal(0, bins[0].Low);
        for (var b = 1; b < bins.Count; b++) Assert.Equal(bins[b - 1].High + 1, bins[b].Low);
        Assert.Null(bins[^1].High);
        Assert.All(bins, bin => Assert.True(bin.Expected >= GoodnessOfFit.MinimumExpected, bin.Label));
        Assert.Equal(windows, bins.Sum(b => b.Expected), 6);
        Assert.Equal(windows, bins.Sum(b => b.Observed));
    }

    [Fact]
    [Goal("4.6-3")]
    public void More_windows_give_finer_bins()
    {
        var few = GoodnessOfFit.ChiSquarePoisson(Counts(StochasticBug.None, 40, 2), Lambda).Bins.Count;
        var many = GoodnessOfFit.ChiSquarePoisson(Counts(StochasticBug.None, 4_000, 2), Lambda).Bins.Count;
        Assert.True(many > few, $"{many} bins for 4,000 windows, {few} for 40");
    }

    [Fact]
    [Goal("4.6-3")]
    public void Poisson_counts_are_not_rejected_and_the_p_value_is_the_upper_incomplete_gamma()
    {
        var chi = GoodnessOfFit.ChiSquarePoisson(Counts(StochasticBug.None, 1_000, 5), Lambda);
        var reference = SpecialFunctions.GammaUpperRegularized(chi.DegreesOfFreedom / 2.0, chi.Statistic / 2);
        output.WriteLine($"X² = {chi.Statistic:G4}, df = {chi.DegreesOfFreedom}, p = {chi.PValue:G4}");
        Assert.False(chi.RejectsAt(0.01));
        Assert.Equal(chi.Bins.Count - 1, chi.DegreesOfFreedom);
        Assert.Equal(reference, chi.PValue, 10);
        var byHand = chi.Bins.Sum(b => Math.Pow(b.Observed - b.Expected, 2) / b.Expected);
        Assert.Equal(byHand, chi.Statistic, 10);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_test_rejects_counts_off_by_one()
    {
        var chi = GoodnessOfFit.ChiSquarePoisson(Counts(StochasticBug.CountsOffByOne, 500, 5), Lambda);
        output.WriteLine($"X² = {chi.Statistic:G4}, p = {chi.PValue:G4}");
        Assert.True(chi.RejectsAt(0.01));
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_test_rejects_the_counts_of_uniform_inter_arrival_times()
    {
        // The uniform gaps have the right mean, so the counts have the right mean, but a third of Poisson's variance.
        var chi = GoodnessOfFit.ChiSquarePoisson(Counts(StochasticBug.UniformInterArrivals, 500, 5), Lambda);
        output.WriteLine($"X² = {chi.Statistic:G4}, p = {chi.PValue:G4}");
        Assert.True(chi.RejectsAt(0.01));
    }
}
