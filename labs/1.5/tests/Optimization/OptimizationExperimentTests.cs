using StatelessMind.Labs.MathFoundations.Optimization;

namespace StatelessMind.Labs.MathFoundations.Tests.Optimization;

public sealed class OptimizationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.5-4")]
    public async Task The_experiment_verifies_every_minimum_by_its_gradient_and_hessian()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new OptimizationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("1.5-4")]
    [InlineData(OptimizationBug.StopsOnSmallImprovement, "Rosenbrock: the lab's BFGS stops at a minimum")]
    [InlineData(OptimizationBug.ClassifiesByTrace, "x² − y²/4 at the origin is a saddle")]
    public async Task With_a_planted_bug_the_experiment_fails_on_the_check_that_sees_it(OptimizationBug bug, string failedCheck)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new OptimizationExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
