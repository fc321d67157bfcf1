namespace StatelessMind.Labs.Storage.Tests;

/// <summary>The B-tree vs LSM amplification experiment at small scale.</summary>
public sealed class StorageAmplificationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.4-1")]
    public async Task ExperimentAtSmallScalePassesAndTheLsmWritesLessThanTheBTree()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new StorageAmplificationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // With a page cache much smaller than the tree, every random insert rewrites a whole 4 KiB page sooner or later.
        Assert.True(finding.FigureNamed("B-tree write amplification")!.Value > finding.FigureNamed("LSM write amplification (WAL + tables)")!.Value);
        Assert.InRange(finding.FigureNamed("LSM bloom filter false-positive rate")!.Value, 0, 3);
    }
}
