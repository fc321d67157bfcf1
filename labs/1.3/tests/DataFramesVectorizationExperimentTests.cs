using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests;

public sealed class DataFramesVectorizationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DataFramesVectorizationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("rows after cleaning")!.Value > 0);
        Assert.Single(finding.Plots);
    }
}
