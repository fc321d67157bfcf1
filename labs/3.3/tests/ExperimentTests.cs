using StatelessMind.Labs.ProbabilisticModels.Huffman;
using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("3.3-1")]
    public async Task The_chains_and_networks_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ChainsAndNetworksExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(ChainsAndNetworksExperiment.SeparationVerdicts)!.Value > 600);
        Assert.Single(finding.Plots);
    }

    [Fact]
    [Goal("3.3-2")]
    public async Task The_huffman_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new HuffmanExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(HuffmanExperiment.TextBitsPerByte)!.Value >= finding.FigureNamed(HuffmanExperiment.TextEntropy)!.Value);
        Assert.Single(finding.Plots);
    }

    [Fact]
    [Goal("3.3-3")]
    public async Task The_optimization_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new OptimizationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(100, finding.FigureNamed(OptimizationExperiment.CertifiedPrograms)!.Value);
        Assert.Single(finding.Plots);
    }
}
