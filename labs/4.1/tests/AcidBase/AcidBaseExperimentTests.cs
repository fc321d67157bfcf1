using StatelessMind.Labs.DatabaseTheory.AcidBase;
using F = StatelessMind.Labs.DatabaseTheory.AcidBase.AcidBaseFigureNames;

namespace StatelessMind.Labs.DatabaseTheory.Tests.AcidBase;

/// <summary>The 4.1-2 experiment at small scale (run once by the fixture): every check holds and the key figures point the right way.</summary>
[Collection(MeasuredFindingsCollection.Name)]
public sealed class AcidBaseExperimentTests(MeasuredFindingsFixture measured, ITestOutputHelper output)
{
    [Fact]
    [Goal("4.1-2")]
    public void The_ACID_store_loses_nothing_and_the_BASE_stores_trade_consistency_for_latency_and_availability()
    {
        var finding = measured["4.1-2"];
        foreach (var f in finding.Figures) output.WriteLine($"{f.Name}: {f.Formatted}");
        foreach (var n in finding.Notes) output.WriteLine(n);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // Every figure name the experiment declares (and texts may cite) is one it produced.
        Assert.All(typeof(F).GetFields().Select(f => (string)f.GetRawConstantValue()!), name => Assert.NotNull(finding.FigureNamed(name)));
        Assert.Equal(0, finding.FigureNamed(F.PostgresLost)!.Value);
        Assert.Equal(0, finding.FigureNamed(F.RedisWaitLost)!.Value);
        Assert.True(finding.FigureNamed(F.RedisLost)!.Value > 0);
        Assert.True(finding.FigureNamed(F.SyncCost)!.Value > 1, "waiting for the standby costs latency");
        Assert.Equal(0, finding.FigureNamed(F.LeaderlessStaleR2W2)!.Value);
        Assert.True(finding.FigureNamed(F.LeaderlessStaleR1W1)!.Value > 0);
        Assert.Equal(0, finding.FigureNamed(F.StrictAvailable)!.Value);
        Assert.True(finding.FigureNamed(F.ConcurrentLostLww)!.Value > 0);
        Assert.Equal(0, finding.FigureNamed(F.ConcurrentLostVectorClocks)!.Value);
        Assert.True(File.Exists(Path.Combine(measured.Root.FullName, "4.1-2", "leaderless-convergence.png")));
        if (Mongo.MongoProbe.ConfiguredUri is null)
            Assert.Contains(finding.Excused, n => n.Contains("MongoDB", StringComparison.Ordinal));
    }
}
