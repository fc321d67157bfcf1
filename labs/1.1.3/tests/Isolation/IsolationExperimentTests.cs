using StatelessMind.Harness.Services;
using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>The 1.1.3-1 experiment at small scale: the whole matrix as documented, strong reads never stale.</summary>
public sealed class IsolationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-1")]
    public async Task The_matrix_matches_the_documentation_and_only_the_async_replica_is_stale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new IsolationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // Every figure name the experiment declares (and texts may cite) is one it produced.
        Assert.All(typeof(IsolationFigureNames).GetFields().Select(f => (string)f.GetRawConstantValue()!), name => Assert.NotNull(finding.FigureNamed(name)));
        Assert.Equal(3 * Enum.GetValues<Anomaly>().Length, finding.FigureNamed(IsolationFigureNames.CellsAsDocumented)!.Value);
        Assert.True(finding.FigureNamed(IsolationFigureNames.PlantedBugCells)!.Value > 0, "the planted level bug must put SERIALIZABLE cells off the documentation");
        Assert.Equal(0, finding.FigureNamed(IsolationFigureNames.AnomaliesSerializable)!.Value);
        Assert.Equal(0, finding.FigureNamed(IsolationFigureNames.SyncStaleReads)!.Value);
        Assert.True(finding.FigureNamed(IsolationFigureNames.AsyncStaleReads)!.Value > 0);
    }
}
