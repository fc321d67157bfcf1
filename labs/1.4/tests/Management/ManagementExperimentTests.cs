using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

public sealed class ManagementExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-1")]
    public async Task The_experiment_runs_every_script_and_restores_the_same_rows()
    {
        await using var services = new ExperimentServices();
        var finding = await new ManagementScriptsExperiment().RunAsync(ExperimentContext.ForTest(services, "1.4-1"), CancellationToken.None);

        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed("backup size / database size")!.Value, 0.01, 1);
    }
}
