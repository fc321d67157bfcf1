using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Two-phase commit over three real PostgreSQL clusters: atomic outcomes at every crash point.</summary>
public sealed class TwoPhaseCommitTests(TwoPhaseCommitFixture fixture, ITestOutputHelper output) : IClassFixture<TwoPhaseCommitFixture>
{
    private TwoPhaseCommitTestbed Bed => fixture.Bed;

    [Fact]
    [Goal("1.1.3-2")]
    public async Task A_transfer_over_three_databases_commits_everywhere_and_conserves_the_total()
    {
        using var log = DecisionLog.Open(fixture.NewLogPath());
        var transfer = new Transfer("happy-1", [new TransferLeg(0, 3, -50), new TransferLeg(1, 4, 45), new TransferLeg(2, 5, 5)]);
        var result = await new TwoPhaseCoordinator(Bed.Participants, log).ExecuteAsync(transfer);
        Assert.Equal(TransferOutcome.Committed, result.Outcome);
        Assert.Equal([0, 1, 2], await Bed.ParticipantsHoldingAsync("happy-1", [0, 1, 2]));
        Assert.Equal(0, await Bed.PreparedCountAsync());
        Assert.Equal(Bed.ExpectedTotal, await Bed.TotalAsync());
        Assert.True(log.IsEnded("happy-1"));
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task A_no_vote_aborts_the_transfer_in_every_database()
    {
        using var log = DecisionLog.Open(fixture.NewLogPath());
        var transfer = new Transfer("overdraw-1", [new TransferLeg(1, 2, 1_000_000), new TransferLeg(2, 2, -1_000_000)]);
        var result = await new TwoPhaseCoordinator(Bed.Participants, log).ExecuteAsync(transfer);
        Assert.Equal(TransferOutcome.AbortedByVote, result.Outcome);
        Assert.Empty(await Bed.ParticipantsHoldingAsync("overdraw-1", [1, 2]));
        Assert.Equal(Bed.ExpectedTotal, await Bed.TotalAsync());
    }

    public static TheoryData<CrashPoint> CrashPoints() => [.. Enum.GetValues<CrashPoint>().Where(p => p != CrashPoint.None)];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    [Goal("1.1.3-2")]
    public async Task After_a_crash_at_any_step_recovery_gives_the_atomic_outcome_and_leaves_nothing_prepared(CrashPoint point)
    {
        var path = fixture.NewLogPath();
        var id = $"crash-{point}";
        var transfer = new Transfer(id, [new TransferLeg(0, 6, -7), new TransferLeg(2, 7, 7)]);
        var injector = new CrashInjector(point, transfer, (p, ct) => Bed.KillAsync(p, ct));
        TransferResult? result = null;
        using (var log = DecisionLog.Open(path))
        {
            try
            {
                result = await new TwoPhaseCoordinator(Bed.Participants, log, injector).ExecuteAsync(transfer);
            }
            catch (CoordinatorCrashedException e)
            {
                output.WriteLine(e.Message);
            }
        }
        Assert.True(injector.Fired);
        var inDoubtBefore = Bed.Clusters.All(c => c.IsRunning) ? await Bed.PreparedCountAsync() : -1;
        var restarted = await Bed.RestartStoppedAsync();
        RecoveryReport recovery;
        using (var log = DecisionLog.Open(path)) recovery = await new InDoubtResolver(Bed.Participants, log).RecoverAsync();
        output.WriteLine($"{point}: coordinator returned {result?.Outcome.ToString() ?? "nothing (crashed)"}; in doubt before recovery: {inDoubtBefore}; " +
                         $"participants restarted: {restarted}; recovery committed {recovery.Committed}, rolled back {recovery.RolledBack}");

        var holding = await Bed.ParticipantsHoldingAsync(id, transfer.Participants);
        Assert.Equal(CrashInjector.MustCommit(point) ? transfer.Participants : [], holding);
        Assert.Equal(0, await Bed.PreparedCountAsync());
        Assert.Equal(Bed.ExpectedTotal, await Bed.TotalAsync());
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task An_in_doubt_transaction_blocks_writers_of_its_rows_until_the_coordinator_recovers()
    {
        var downtime = TimeSpan.FromMilliseconds(400);
        var m = await new BlockingProbe(Bed, fixture.NewLogPath()).MeasureAsync(downtime);
        output.WriteLine($"coordinator down {m.CoordinatorDowntime.TotalMilliseconds} ms: locks held {m.LocksHeld}, rows locked {m.RowsLocked}; " +
                         $"writer waited {m.WriterWait.TotalMilliseconds:0.0} ms; reader {m.ReaderLatency.TotalMilliseconds:0.00} ms; " +
                         $"other-row writer {m.OtherRowWriterLatency.TotalMilliseconds:0.00} ms; lock_timeout: {m.LockTimeoutError}; recovery {m.RecoveryTime.TotalMilliseconds:0.0} ms");
        Assert.True(m.WriterWait >= downtime, "the writer must wait at least as long as the coordinator is down");
        Assert.True(m.LocksHeld > 0);
        Assert.Equal(1, m.RowsLocked);
        Assert.Equal("55P03", m.LockTimeoutError);
        Assert.True(m.ReaderLatency < downtime && m.OtherRowWriterLatency < downtime, "readers and writers of other rows are not blocked");
        Assert.Equal(0, await Bed.PreparedCountAsync());
    }
}
