using StatelessMind.Labs.DiscreteMath.Recurrences;

namespace StatelessMind.Labs.DiscreteMath.Tests.Recurrences;

public sealed class RecurrencesExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.4-3")]
    public async Task The_experiment_matches_every_closed_form_with_iteration()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new RecurrencesExperiment(), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("4.4-3")]
    [InlineData(RecurrenceBug.CharacteristicSignFlipped, "distinct roots 2, 3: the closed form equals")]
    [InlineData(RecurrenceBug.ResonanceIgnored, "a(n) = a(n-1) + n: resonance with the root 1: the closed form equals")]
    public async Task With_a_broken_solver_the_experiment_fails(RecurrenceBug bug, string failedCheck)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new RecurrencesExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
