using StatelessMind.Labs.Programming.QueryOptimization;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

public sealed class QueryOptimizationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-3")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new QueryOptimizationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(4, finding.FigureNamed("cases with identical rows")!.Value);
        Assert.True(finding.FigureNamed("OFFSET pagination: speed-up")!.Value > 1);
        Assert.Single(finding.Plots);
    }
}
