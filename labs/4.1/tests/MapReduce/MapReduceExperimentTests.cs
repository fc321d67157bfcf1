using StatelessMind.Labs.DatabaseTheory.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

public sealed class MapReduceExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MapReduceExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(2, finding.Plots.Count);
        Assert.True(finding.FigureNamed(MapReduceFigureNames.CombineReduction)!.Value > 1);
    }
}
