namespace StatelessMind.Labs.SystemsProgramming.Tests;

public sealed class CacheHierarchyExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.5-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var finding = await new CacheHierarchyExperiment().RunAsync(ExperimentContext.ForTest(services, "4.5-1"), CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("largest simulator-vs-cachegrind miss difference")!.Value <= 1.0);
        Assert.Single(finding.Plots);
    }
}
