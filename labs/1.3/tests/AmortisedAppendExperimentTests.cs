namespace StatelessMind.Labs.Programming.Tests;

public sealed class AmortisedAppendExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-4")]
    public async Task The_experiment_holds_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var finding = await new AmortisedAppendExperiment().RunAsync(ExperimentContext.ForTest(services, "1.3-4"), CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed("copies per push, ×2 growth")!.Value, 0.5, 2.0);
        Assert.Single(finding.Plots);
    }
}
