using StatelessMind.Labs.DiscreteMath.Combinatorics;

namespace StatelessMind.Labs.DiscreteMath.Tests.Combinatorics;

public sealed class CombinatoricsExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.4-1")]
    public async Task The_experiment_checks_every_generator_and_problem_against_its_formula()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CombinatoricsExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("4.4-1")]
    [InlineData(GeneratorBug.SharedBuffer, "permutations: the count equals the formula, the tuples are distinct")]
    [InlineData(GeneratorBug.StopsOneEarly, "combinations: the count equals the formula")]
    public async Task With_a_broken_generator_the_experiment_fails(GeneratorBug bug, string failedCheck)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CombinatoricsExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
