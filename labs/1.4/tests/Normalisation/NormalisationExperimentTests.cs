using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Tests.Normalisation;

public sealed class NormalisationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-2")]
    public async Task The_experiment_finds_every_anomaly_in_the_wide_table_and_none_in_3nf()
    {
        await using var services = new ExperimentServices();
        var finding = await new NormalisationAnomaliesExperiment().RunAsync(ExperimentContext.ForTest(services, "1.4-2"), CancellationToken.None);

        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("contradicted customers, denormalised")!.Value > 0);
        Assert.True(finding.FigureNamed("rows written per rename, denormalised / 3NF")!.Value > 1);
    }
}
