using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>The randomized run's checks catch a coordinator that commits before every participant has prepared, and pass
/// the same transfers with the protocol as it must be.</summary>
[Collection(TwoPhaseCommitCollection.Name)]
public sealed class PlantedCoordinatorBugTests(TwoPhaseCommitFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(TwoPhaseCommitBug.None)]
    [InlineData(TwoPhaseCommitBug.CommitBeforeAllPrepared)]
    [Goal("1.1.3-2")]
    public async Task A_coordinator_that_commits_before_all_prepared_leaves_partial_transfers_that_the_checks_catch(TwoPhaseCommitBug bug)
    {
        var report = await new RandomizedTransferRun(fixture.Bed, fixture.NewLogPath())
        {
            Bug = bug,
            Weights = new Dictionary<CrashPoint, int> { [CrashPoint.ParticipantDownAtPrepare] = 1 },
            CoverEveryPointFirst = false,
        }.RunAsync(2, seed: (int)bug + 7);
        foreach (var p in report.Problems) output.WriteLine(p);
        output.WriteLine($"{bug}: {report.AtomicityViolations} partial, {report.OutcomeMismatches} outcome mismatches, drift {report.FinalTotal - report.ExpectedTotal}");
        if (bug == TwoPhaseCommitBug.None)
        {
            Assert.True(report.Holds);
        }
        else
        {
            Assert.False(report.Holds);
            Assert.Equal(2, report.AtomicityViolations);
            Assert.NotEqual(report.ExpectedTotal, report.FinalTotal); // the committed first legs moved money out of (or into) nowhere
        }
    }
}
