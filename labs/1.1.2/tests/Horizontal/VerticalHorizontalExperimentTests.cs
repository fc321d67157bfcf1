using StatelessMind.Labs.Scalability.Horizontal;

namespace StatelessMind.Labs.Scalability.Tests.Horizontal;

public sealed class VerticalHorizontalExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.2-2")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new VerticalHorizontalExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(4, finding.Tables[0].Rows.Count);
        Assert.Equal(2, finding.Tables[1].Rows.Count);
        Assert.Contains(finding.Figures, f => f.Name == VerticalHorizontalExperiment.FixedCpuRatio && f.Value >= 1);
        Assert.Equal(3, finding.Plots.Count);
    }
}
