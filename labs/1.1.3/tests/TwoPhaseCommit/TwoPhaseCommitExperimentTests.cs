using StatelessMind.Harness.Services;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;
using F = StatelessMind.Labs.Consensus.TwoPhaseCommit.TwoPhaseCommitFigureNames;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>The 1.1.3-2 experiment at small scale: randomized transfers with a crash at every step keep the invariant.</summary>
public sealed class TwoPhaseCommitExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.3-2")]
    public async Task Randomized_transfers_with_crashes_conserve_the_total_and_leave_nothing_in_doubt()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new TwoPhaseCommitExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // Every figure name the experiment declares (and texts may cite) is one it produced.
        Assert.All(typeof(F).GetFields().Select(f => (string)f.GetRawConstantValue()!), name => Assert.NotNull(finding.FigureNamed(name)));
        Assert.Equal(0, finding.FigureNamed(F.TotalDrift)!.Value);
        Assert.Equal(0, finding.FigureNamed(F.AtomicityViolations)!.Value);
        Assert.Equal(0, finding.FigureNamed(F.PreparedLeft)!.Value);
        Assert.True(finding.FigureNamed(F.RecoveredByCommit)!.Value > 0 && finding.FigureNamed(F.RecoveredByRollback)!.Value > 0,
            "recovery must have committed some in-doubt transactions and rolled back others");
        Assert.Equal(0, finding.FigureNamed(F.InDoubtMismatches)!.Value);
        Assert.True(finding.FigureNamed(F.WriterWaitPerResolution)!.Value >= 1);
        Assert.Equal(0, finding.FigureNamed(F.ProbeTimeouts)!.Value);
        Assert.True(finding.FigureNamed(F.PlantedBugViolations)!.Value > 0, "the planted early-commit coordinator must be caught");
    }
}
