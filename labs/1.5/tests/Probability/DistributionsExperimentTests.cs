using StatelessMind.Labs.MathFoundations.Probability;

namespace StatelessMind.Labs.MathFoundations.Tests.Probability;

public sealed class DistributionsExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.5-3")]
    public async Task The_experiment_checks_the_formulas_and_every_sampler_against_the_theory()
    {
        await using var services = new ExperimentServices();
        var finding = await new DistributionsExperiment().RunAsync(ExperimentContext.ForTest(services, "1.5-3"), CancellationToken.None);
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("1.5-3")]
    [InlineData(SamplerBug.NormalScaleForgotten, "lab's Box–Muller fit the theory")]
    [InlineData(SamplerBug.BinomialOneTrialShort, "lab's Bernoulli sum fit the theory")]
    public async Task With_a_wrong_sampler_the_experiment_fails_on_its_goodness_of_fit(SamplerBug bug, string failedCheck)
    {
        await using var services = new ExperimentServices();
        var finding = await new DistributionsExperiment(bug).RunAsync(ExperimentContext.ForTest(services, "1.5-3"), CancellationToken.None);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
