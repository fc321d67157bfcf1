using StatelessMind.Labs.MassiveData.Clustering;
using StatelessMind.Labs.MassiveData.FrequentItemsets;
using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.3-1")]
    public async Task The_apriori_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new AprioriExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(AprioriExperiment.FrequentItemsets)!.Value > 0);
    }

    [Fact]
    [Goal("4.3-2")]
    public async Task The_clustering_and_lsh_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ClusteringLshExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(5, finding.FigureNamed(ClusteringLshExperiment.ElbowK)!.Value);
        Assert.Equal(3, finding.Plots.Count);
    }

    [Fact]
    [Goal("4.3-3")]
    public async Task The_als_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new AlsExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(AlsExperiment.RmseOverNoise)!.Value > 1);
    }
}
