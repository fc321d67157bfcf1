using StatelessMind.Labs.Retrieval.Evaluation;
using StatelessMind.Labs.Retrieval.PageRank;
using StatelessMind.Labs.Retrieval.Search;

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

    [Fact]
    [Goal("4.2-1")]
    public async Task The_search_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SearchExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(SearchExperiment.ScoreGap)!.Value <= SearchExperiment.MaxScoreGap);
        Assert.True(finding.FigureNamed(SearchExperiment.CompressionRatio)!.Value <= SearchExperiment.MaxCompressionRatio);
        Assert.Equal(0, finding.FigureNamed(SearchExperiment.PhraseMismatches)!.Value);
    }

    [Fact]
    [Goal("4.2-2")]
    public async Task The_evaluation_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new EvaluationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(EvaluationExperiment.MlNetGap)!.Value <= EvaluationExperiment.MaxMlNetGap);
        Assert.InRange(finding.FigureNamed(EvaluationExperiment.Bm25Map)!.Value, finding.FigureNamed(EvaluationExperiment.RandomMap)!.Value, 1);
        Assert.Single(finding.Plots);
    }
}
