using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

public sealed class CrudExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-3")]
    public async Task The_same_workload_through_both_repositories_leaves_the_same_data()
    {
        await using var services = new ExperimentServices();
        var finding = await new CrudComparisonExperiment().RunAsync(ExperimentContext.ForTest(services, "1.4-3"), CancellationToken.None);

        foreach (var note in finding.Notes) output.WriteLine(note);
        foreach (var row in finding.Tables[0].Rows) output.WriteLine(string.Join(" | ", row));
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("Npgsql throughput")!.Value > 0);
        Assert.True(finding.FigureNamed("EF Core throughput")!.Value > 0);
        Assert.True(finding.FigureNamed("Npgsql commands per operation")!.Value >= 1, "the command counter saw no commands");
    }
}
