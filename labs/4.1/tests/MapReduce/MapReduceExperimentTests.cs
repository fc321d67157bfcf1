using StatelessMind.Labs.DatabaseTheory.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

public sealed class MapReduceExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-1")]
    public async Task The_experiment_holds_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var finding = await new MapReduceExperiment().RunAsync(ExperimentContext.ForTest(services, "4.1-1"), CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(2, finding.Plots.Count);
        Assert.True(finding.FigureNamed(MapReduceFigureNames.CombineReduction)!.Value > 1);
    }
}
