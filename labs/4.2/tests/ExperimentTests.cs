using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests;

public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.2-3")]
    public async Task The_pagerank_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new PageRankExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(PageRankExperiment.DenseGap)!.Value <= 1e-8);
        Assert.True(finding.FigureNamed(PageRankExperiment.BytesPerEdge)!.Value <= PageRankExperiment.MaxBytesPerEdge);
        Assert.True(finding.FigureNamed(PageRankExperiment.Iterations)!.Value > 1);
        Assert.Single(finding.Plots);
    }
}
