using StatelessMind.Labs.DimensionalModeling.StarSchema;

namespace StatelessMind.Labs.DimensionalModeling.Tests.StarSchema;

public sealed class StarSchemaExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("2.1-1")]
    public async Task The_experiment_passes_on_the_project_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new StarSchemaExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(1.0, finding.FigureNamed("fact revenue / source revenue")!.Value);
        Assert.True(finding.FigureNamed("fact rows")!.Value > 0);
    }

    [Fact]
    [Goal("2.1-1")]
    public async Task With_a_fan_out_join_the_experiment_fails_and_names_the_grain_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new StarSchemaExperiment(StarSchemaBug.FanOutJoin), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("the grain holds", finding.Summary, StringComparison.Ordinal);
    }
}
