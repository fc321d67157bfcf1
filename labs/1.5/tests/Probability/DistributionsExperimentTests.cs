using StatelessMind.Labs.MathFoundations.Probability;

namespace StatelessMind.Labs.MathFoundations.Tests.Probability;

public sealed class DistributionsExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.5-3")]
    public async Task The_experiment_checks_the_formulas_and_every_sampler_against_the_theory()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DistributionsExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("1.5-3")]
    [InlineData(SamplerBug.NormalScaleForgotten, "lab's Box–Muller fit the theory")]
    [InlineData(SamplerBug.BinomialOneTrialShort, "lab's Bernoulli sum fit the theory")]
    public async Task With_a_wrong_sampler_the_experiment_fails_on_its_goodness_of_fit(SamplerBug bug, string failedCheck)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DistributionsExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
