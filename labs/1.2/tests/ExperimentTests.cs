using StatelessMind.Labs.Lifecycle.Experiments;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>The 1.2-1 experiment at small scale: every check it makes holds, and it measured the figures it reports.</summary>
public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.2-1")]
    public async Task The_ingestion_experiment_passes_every_check_at_small_scale()
    {
        await using var services = new ExperimentServices();
        var experiment = new IngestionExperiment();
        var finding = await experiment.RunAsync(ExperimentContext.ForTest(services, experiment.GoalId), CancellationToken.None);
        output.WriteLine(finding.Summary);
        foreach (var note in finding.Notes) output.WriteLine(note);
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Value:0.###} {f.Unit}");

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.Figures.Single(f => f.Name == "COPY vs row-by-row INSERT").Value > 1, "COPY beat row-by-row INSERT");
        Assert.True(finding.Figures.Single(f => f.Name == "stream latency p99 (paced)").Value > 0);
    }
}
