using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Tests.Normalisation;

public sealed class NormalisationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-2")]
    public async Task The_experiment_finds_every_anomaly_in_the_wide_table_and_none_in_3nf()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new NormalisationAnomaliesExperiment(), output);

        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("contradicted customers, denormalised")!.Value > 0);
        Assert.True(finding.FigureNamed("rows written per rename, denormalised / 3NF")!.Value > 1);
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task With_the_customer_name_copied_onto_orders_the_experiment_fails_and_its_summary_names_the_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new NormalisationAnomaliesExperiment(ShopFormBug.CustomerNameOnOrder), output);

        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("checks failed: 3NF: a customer's name is stored once - one row per rename, never a contradiction", finding.Summary, StringComparison.Ordinal);
    }
}
