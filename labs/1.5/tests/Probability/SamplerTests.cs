using StatelessMind.Labs.MathFoundations.Probability;

namespace StatelessMind.Labs.MathFoundations.Tests.Probability;

[Goal("1.5-3")]
public sealed class SamplerTests
{
    [Fact]
    public void Box_muller_maps_a_uniform_pair_to_radius_and_angle()
    {
        // u1 = e^(−1/2) gives radius √(−2·(−1/2)) = 1; u2 = 1/4 is the angle π/2: (cos, sin) = (0, 1).
        var (z0, z1) = Samplers.BoxMuller(Math.Exp(-0.5), 0.25);
        Assert.Equal(0, z0, 12);
        Assert.Equal(1, z1, 12);
    }

    [Fact]
    public void Normal_samples_have_the_asked_mean_and_spread_and_pass_the_ks_test()
    {
        var samplers = new Samplers(new Random(11));
        var x = Enumerable.Range(0, 20_000).Select(_ => samplers.Normal(3, 0.5)).ToArray();
        var fit = KolmogorovSmirnovTest.Test(x, new MathNet.Numerics.Distributions.Normal(3, 0.5).CumulativeDistribution);
        Assert.True(fit.Fits(DistributionsExperiment.Alpha), $"p = {fit.PValue}");
        Assert.InRange(x.Average(), 2.98, 3.02);
    }

    [Fact]
    public void Binomial_samples_count_successes_and_pass_the_chi_square_test()
    {
        var samplers = new Samplers(new Random(12));
        var counts = DistributionsExperiment.Counts(Enumerable.Range(0, 20_000).Select(_ => samplers.Binomial(10, 0.5)), 10);
        var fit = ChiSquareTest.Test(counts, Enumerable.Range(0, 11).Select(k => new MathNet.Numerics.Distributions.Binomial(0.5, 10).Probability(k)).ToArray());
        Assert.True(fit.Fits(DistributionsExperiment.Alpha), $"p = {fit.PValue}");
        Assert.Equal(0, new Samplers(new Random(1)).Binomial(0, 0.5));
        Assert.Equal(7, new Samplers(new Random(1)).Binomial(7, 1));
    }

    [Fact]
    public void Poisson_samples_pass_the_chi_square_test()
    {
        var samplers = new Samplers(new Random(13));
        var counts = DistributionsExperiment.Counts(Enumerable.Range(0, 20_000).Select(_ => samplers.Poisson(2.5)), 20);
        var fit = ChiSquareTest.Test(counts, Enumerable.Range(0, 21).Select(k => new MathNet.Numerics.Distributions.Poisson(2.5).Probability(k)).ToArray());
        Assert.True(fit.Fits(DistributionsExperiment.Alpha), $"p = {fit.PValue}");
    }

    [Theory]
    [InlineData(SamplerBug.NormalScaleForgotten)]
    [InlineData(SamplerBug.BinomialOneTrialShort)]
    public void Planted_bug_a_wrong_sampler_is_rejected_by_its_goodness_of_fit_test(SamplerBug bug)
    {
        var samplers = new Samplers(new Random(14), bug);
        var fit = bug == SamplerBug.NormalScaleForgotten
            ? KolmogorovSmirnovTest.Test(Enumerable.Range(0, 5_000).Select(_ => samplers.Normal(0, 2)).ToArray(), new MathNet.Numerics.Distributions.Normal(0, 2).CumulativeDistribution)
            : ChiSquareTest.Test(DistributionsExperiment.Counts(Enumerable.Range(0, 5_000).Select(_ => samplers.Binomial(20, 0.3)), 20),
                Enumerable.Range(0, 21).Select(k => new MathNet.Numerics.Distributions.Binomial(0.3, 20).Probability(k)).ToArray());
        Assert.False(fit.Fits(DistributionsExperiment.Alpha), $"{bug}: p = {fit.PValue}, the test did not see the bug");
    }

    [Fact]
    public void Parameters_outside_their_domain_are_a_typed_error_naming_the_parameter()
    {
        var samplers = new Samplers(new Random(1));
        Assert.Equal("sigma", Assert.Throws<DistributionParameterException>(() => samplers.Normal(0, 0)).Parameter);
        Assert.Equal("p", Assert.Throws<DistributionParameterException>(() => samplers.Binomial(5, 1.5)).Parameter);
        Assert.Equal("rate", Assert.Throws<DistributionParameterException>(() => samplers.Exponential(-1)).Parameter);
    }
}
