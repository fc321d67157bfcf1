using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

public sealed class SymbolicGradientExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.5-2")]
    public async Task The_experiment_checks_every_derivative_against_finite_differences_and_the_textbook()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SymbolicGradientExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("1.5-2")]
    [InlineData(DerivativeBug.ProductRuleMissingTerm)]
    [InlineData(DerivativeBug.ChainRuleDropped)]
    public async Task With_a_broken_rule_the_experiment_fails_on_the_finite_difference_check(DerivativeBug bug)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SymbolicGradientExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("checks failed: every symbolic gradient equals central differences", finding.Summary, StringComparison.Ordinal);
    }
}
