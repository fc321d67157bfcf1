using StatelessMind.Labs.Scalability.Partitioning;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

public sealed class PartitioningExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.2-3")]
    public async Task The_experiment_holds_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var finding = await new PartitioningExperiment().RunAsync(ExperimentContext.ForTest(services, "1.1.2-3"), CancellationToken.None);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed(PartitioningExperiment.ModuloMoved)!.Value > finding.FigureNamed(PartitioningExperiment.RingMoved)!.Value);
    }
}
