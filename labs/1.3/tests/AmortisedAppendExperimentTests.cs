namespace StatelessMind.Labs.Programming.Tests;

public sealed class AmortisedAppendExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-4")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new AmortisedAppendExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed("copies per push, ×2 growth")!.Value, 0.5, 2.0);
        Assert.Single(finding.Plots);
    }
}
