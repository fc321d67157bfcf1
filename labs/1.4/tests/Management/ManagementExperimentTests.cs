using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

public sealed class ManagementExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.4-1")]
    public async Task The_experiment_runs_every_script_and_restores_the_same_rows()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ManagementScriptsExperiment(), output);

        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.FigureNamed("backup size / database size")!.Value, 0.01, 1);
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task With_a_backup_written_in_place_the_experiment_fails_and_its_summary_names_the_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ManagementScriptsExperiment(ScriptBug.BackupWrittenInPlace), output);

        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("1 of", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("checks failed: a failed backup exits 1 and leaves no file", finding.Summary, StringComparison.Ordinal);
    }
}
