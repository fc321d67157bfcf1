using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

public sealed class CrudExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-3")]
    public async Task The_same_workload_through_both_repositories_leaves_the_same_data()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CrudComparisonExperiment(), output);

        foreach (var note in finding.Notes) output.WriteLine(note);
        foreach (var row in finding.Tables[0].Rows) output.WriteLine(string.Join(" | ", row));
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("Npgsql throughput")!.Value > 0);
        Assert.True(finding.FigureNamed("EF Core throughput")!.Value > 0);
        Assert.True(finding.FigureNamed("Npgsql commands per operation")!.Value >= 1, "the command counter saw no commands");
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task With_a_repository_that_writes_orders_without_a_transaction_the_experiment_fails_and_its_summary_names_the_checks()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new CrudComparisonExperiment(RepositoryBug.NoTransaction), output);

        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("both repositories left identical products, orders and order lines", finding.Summary, StringComparison.Ordinal);
        Assert.Contains($"Npgsql with the planted bug {RepositoryBug.NoTransaction}: 1 orders beyond stock refused", finding.Summary, StringComparison.Ordinal);
    }
}
