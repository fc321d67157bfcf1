namespace StatelessMind.Labs.SystemsProgramming.Tests;

public sealed class CacheHierarchyExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.5-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CacheHierarchyExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("largest simulator-vs-cachegrind miss difference")!.Value <= 1.0);
        Assert.Single(finding.Plots);
    }
}
