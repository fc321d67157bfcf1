using StatelessMind.Labs.DimensionalModeling.SlowlyChanging;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.DimensionalModeling.Tests.SlowlyChanging;

public sealed class SlowlyChangingExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("2.1-2")]
    public async Task The_experiment_passes_with_the_snapshots_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SlowlyChangingExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("type-2 versions per customer (timestamp)")!.Value > 1);
        Assert.True(finding.FigureNamed("versions closed by a hard delete")!.Value > 0);
    }

    [Fact]
    [Goal("2.1-2")]
    public async Task With_each_planted_snapshot_bug_the_experiment_fails_and_names_the_check()
    {
        // One PostgreSQL for the three runs (each takes a database of its own).
        await using var services = new StatelessMind.Harness.Services.ExperimentServices();
        foreach (var (bug, check) in new[]
                 {
                     (SnapshotBug.OldRowNotClosed, "no two versions"),
                     (SnapshotBug.CheckComparesWrongColumns, "the check snapshot holds exactly"),
                     (SnapshotBug.HardDeletesIgnored, "the timestamp snapshot holds exactly"),
                 })
        {
            var finding = await new SlowlyChangingExperiment(bug).RunAsync(ExperimentContext.ForTest(services, "2.1-2"), CancellationToken.None);
            output.WriteLine($"{bug}: {finding.Summary}");

            Assert.Equal(Verdict.Fail, finding.Verdict);
            Assert.Contains(check, finding.Summary, StringComparison.Ordinal);
        }
    }
}
