using StatelessMind.Labs.Scalability.Partitioning;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

public sealed class PartitioningExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.2-3")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new PartitioningExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(PartitioningExperiment.ModuloMoved)!.Value > finding.FigureNamed(PartitioningExperiment.RingMoved)!.Value);
    }
}
