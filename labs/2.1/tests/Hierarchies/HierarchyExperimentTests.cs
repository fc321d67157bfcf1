using StatelessMind.Labs.DimensionalModeling.Hierarchies;

namespace StatelessMind.Labs.DimensionalModeling.Tests.Hierarchies;

public sealed class HierarchyExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("2.1-3")]
    public async Task The_experiment_passes_on_the_project_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new HierarchyExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(1.0, finding.FigureNamed("weighted rollup / fact total")!.Value);
        Assert.True(finding.FigureNamed("unweighted rollup / fact total")!.Value > 1.0);
    }

    [Fact]
    [Goal("2.1-3")]
    public async Task With_a_rollup_without_the_weight_the_experiment_fails_and_names_the_model_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new HierarchyExperiment(HierarchyBug.RollupWithoutWeight), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("account_amount_by_segment model", finding.Summary, StringComparison.Ordinal);
    }
}
