namespace StatelessMind.Labs.Programming.Tests;

public sealed class CVersusRustExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-5")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CVersusRustExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("C bug classes rejected at compile time")!.Value >= 8);
        Assert.Equal(2, finding.Tables.Count);
        Assert.Equal(4, finding.Tables[1].Rows.Count); // C, Rust DynArray, Rust Vec, List<long>
    }
}
