using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Two-phase commit over three real PostgreSQL clusters: atomic outcomes at every crash point, the coordinator
/// a real process that is SIGKILLed where it crashes.</summary>
[Collection(TwoPhaseCommitCollection.Name)]
public sealed class TwoPhaseCommitTests(TwoPhaseCommitFixture fixture, ITestOutputHelper output)
{
    private TwoPhaseCommitTestbed Bed => fixture.Bed;

    [Fact]
    [Goal("1.1.3-2")]
    public async Task A_transfer_over_three_databases_commits_everywhere_and_conserves_the_total()
    {
        var before = await Bed.TotalAsync();
        using var log = DecisionLog.Open(fixture.NewLogPath());
        var transfer = new Transfer("happy-1", [new TransferLeg(0, 3, -50), new TransferLeg(1, 4, 45), new TransferLeg(2, 5, 5)]);
        var result = await new TwoPhaseCoordinator(Bed.Participants, log).ExecuteAsync(transfer);
        Assert.Equal(TransferOutcome.Committed, result.Outcome);
        Assert.Equal([0, 1, 2], await Bed.ParticipantsHoldingAsync("happy-1", [0, 1, 2]));
        Assert.Equal(0, await Bed.InDoubtAsync("happy-1"));
        Assert.Equal(before, await Bed.TotalAsync());
        Assert.True(log.IsEnded("happy-1"));
        Assert.Equal(1, log.ForcedWrites);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task A_no_vote_aborts_the_transfer_in_every_database()
    {
        var before = await Bed.TotalAsync();
        using var log = DecisionLog.Open(fixture.NewLogPath());
        var transfer = new Transfer("overdraw-1", [new TransferLeg(1, 2, 1_000_000), new TransferLeg(2, 2, -1_000_000)]);
        var result = await new TwoPhaseCoordinator(Bed.Participants, log).ExecuteAsync(transfer);
        Assert.Equal(TransferOutcome.AbortedByVote, result.Outcome);
        Assert.Empty(await Bed.ParticipantsHoldingAsync("overdraw-1", [1, 2]));
        Assert.Equal(0, await Bed.InDoubtAsync("overdraw-1"));
        Assert.Null(log.DecisionFor("overdraw-1"));
        Assert.Equal(before, await Bed.TotalAsync());
    }

    /// <summary>Each crash point with the number of the transfer's two participants that hold it prepared once the
    /// failure happened and every participant is up again — counted, not derived from the code under test.</summary>
    public static TheoryData<CrashPoint, int> CrashPointsAndInDoubt() => new()
    {
        { CrashPoint.CoordinatorBeforePrepare, 0 },
        { CrashPoint.CoordinatorAfterFirstPrepare, 1 },
        { CrashPoint.CoordinatorAfterAllPrepared, 2 },
        { CrashPoint.CoordinatorAfterDecision, 2 },
        { CrashPoint.CoordinatorMidCommit, 1 },
        { CrashPoint.CoordinatorBeforeEnd, 0 },
        { CrashPoint.ParticipantDownAtPrepare, 0 },
        { CrashPoint.ParticipantCrashAfterPrepare, 1 },
    };

    [Theory]
    [MemberData(nameof(CrashPointsAndInDoubt))]
    [Goal("1.1.3-2")]
    public async Task After_a_crash_at_any_step_recovery_gives_the_atomic_outcome_and_leaves_nothing_prepared(CrashPoint point, int inDoubt)
    {
        var before = await Bed.TotalAsync();
        var path = fixture.NewLogPath();
        var id = $"crash-{point}";
        var transfer = new Transfer(id, [new TransferLeg(0, 6, -7), new TransferLeg(2, 7, 7)]);
        var eofBefore = CountUncleanDisconnects(0);
        var run = await CoordinatorProcess.RunAsync(new CoordinatorCommandLine(path, Bed.ConnectionStrings, transfer, point), async (stop, ct) =>
        {
            if (CrashInjector.IsCoordinatorCrash(stop.Point)) return false;
            await Bed.KillAsync(CrashInjector.ParticipantToKill(stop.Point, transfer), ct);
            return true;
        });
        await Bed.WaitForSessionsToCloseAsync(CoordinatorProgram.ApplicationName(run.Pid));
        output.WriteLine($"{point}: coordinator process {run.Pid} stopped at {run.StoppedAt}; killed: {run.Killed} (exit {run.ExitCode}); reported {run.Outcome?.ToString() ?? "nothing"} {run.Reason}");
        Assert.Equal(point, run.StoppedAt?.Point);
        if (CrashInjector.IsCoordinatorCrash(point))
        {
            Assert.True(run.Killed);
            Assert.Equal(128 + 9, run.ExitCode); // SIGKILL: no finally block ran, no session was closed
        }
        else
        {
            Assert.Equal(point == CrashPoint.ParticipantDownAtPrepare ? TransferOutcome.AbortedParticipantFailed : TransferOutcome.CommittedPendingRecovery, run.Outcome);
        }
        if (point == CrashPoint.CoordinatorBeforePrepare)
            Assert.True(CountUncleanDisconnects(0) > eofBefore, "the participant saw the coordinator's connection drop in the middle of its transaction");

        var restarted = await Bed.RestartStoppedAsync();
        Assert.Equal(inDoubt, await Bed.InDoubtAsync(id));
        var recovery = await InDoubtResolver.RecoverFromLogAsync(path, Bed.Participants);
        output.WriteLine($"in doubt before recovery: {inDoubt}; participants restarted: {restarted}; recovery committed {recovery.Committed}, rolled back {recovery.RolledBack}");
        Assert.Equal(inDoubt, recovery.Committed + recovery.RolledBack);

        var holding = await Bed.ParticipantsHoldingAsync(id, transfer.Participants);
        Assert.Equal(CrashInjector.MustCommit(point) ? transfer.Participants : [], holding);
        Assert.Equal(0, await Bed.InDoubtAsync(id));
        Assert.Equal(before, await Bed.TotalAsync());
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task An_in_doubt_transaction_blocks_writers_of_its_rows_until_the_restarted_coordinator_resolves_it()
    {
        var m = await new BlockingProbe(Bed, fixture.NewLogPath()).MeasureAsync(TimeSpan.FromMilliseconds(400));
        output.WriteLine(m.ToString());
        Assert.True(m.LocksHeld > 0);
        Assert.Equal(1, m.RowsLocked);
        Assert.True(m.ProbeRounds > 0);
        Assert.Equal(m.ProbeRounds, m.RoundsWriterBlocked); // blocked at every probe while the coordinator was down
        Assert.True(m.ReleaseAfterResolution > TimeSpan.Zero, "the writer must not finish before recovery sent the resolution");
        Assert.True(m.WaitPerTimeToResolution >= 1);
        Assert.Equal(0, m.ProbeTimeouts); // readers and writers of other rows went on
        Assert.Equal(m.ProbeRounds, m.LockTimeouts);
        Assert.True(m.Holds);
        Assert.Equal(0, await Bed.PreparedCountAsync());
    }

    private int CountUncleanDisconnects(int participant) =>
        Bed.Clusters[participant].ReadLog().Split('\n').Count(l => l.Contains("unexpected EOF on client connection with an open transaction", StringComparison.Ordinal));
}
