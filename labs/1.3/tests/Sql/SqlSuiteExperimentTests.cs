using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

public sealed class SqlSuiteExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-2")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SqlSuiteExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(new SqlQuerySuite().Queries.Count, finding.FigureNamed("queries identical to the C# reference")!.Value);
        Assert.Single(finding.Plots);
    }
}
