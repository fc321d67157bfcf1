using Npgsql;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Task 1.1.3-2e: recovery resolves its own coordinator's in-doubt transactions from the log, and leaves alone
/// those of another coordinator and those a live coordinator is still deciding. Zero-amount transfers keep the totals.</summary>
[Collection(TwoPhaseCommitCollection.Name)]
public sealed class InDoubtResolverTests(TwoPhaseCommitFixture fixture, ITestOutputHelper output)
{
    private TwoPhaseCommitTestbed Bed => fixture.Bed;

    private static Transfer ZeroTransfer(string id) => new(id, [new TransferLeg(0, 8, 0), new TransferLeg(1, 8, 0)]);

    [Fact]
    [Goal("1.1.3-2")]
    public async Task Recovery_leaves_another_coordinators_prepared_transaction_alone()
    {
        var other = fixture.NewLogPath();
        var mine = fixture.NewLogPath();
        var transfer = ZeroTransfer("foreign-1");
        var run = await CoordinatorProcess.RunAsync(new CoordinatorCommandLine(other, Bed.ConnectionStrings, transfer, CrashPoint.CoordinatorAfterAllPrepared),
            (_, _) => Task.FromResult(false));
        await Bed.WaitForSessionsToCloseAsync(CoordinatorProgram.ApplicationName(run.Pid));
        var recovery = await InDoubtResolver.RecoverFromLogAsync(mine, Bed.Participants);
        Assert.Equal((0, 0), (recovery.Committed, recovery.RolledBack));
        Assert.Equal(2, await Bed.InDoubtAsync("foreign-1"));
        Assert.Equal(2, (await InDoubtResolver.RecoverFromLogAsync(other, Bed.Participants)).RolledBack);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task Recovery_in_the_same_process_skips_a_transfer_its_coordinator_is_still_deciding()
    {
        using var log = DecisionLog.Open(fixture.NewLogPath());
        var transfer = ZeroTransfer("in-flight-1");
        RecoveryReport? during = null;
        var injector = new CrashInjector(CrashPoint.CoordinatorAfterFirstPrepare, transfer,
            async (_, ct) => during = await new InDoubtResolver(Bed.Participants, log).RecoverAsync(ct));
        var result = await new TwoPhaseCoordinator(Bed.Participants, log, injector).ExecuteAsync(transfer);
        output.WriteLine($"recovery during the transfer: {during}; the transfer: {result.Outcome}");
        Assert.Equal(1, during!.SkippedLive);
        Assert.Equal((0, 0), (during.Committed, during.RolledBack));
        Assert.Equal(TransferOutcome.Committed, result.Outcome);
        Assert.Equal([0, 1], await Bed.ParticipantsHoldingAsync("in-flight-1", [0, 1]));
    }

    [Theory]
    [InlineData(TwoPhaseCommitBug.None)]
    [InlineData(TwoPhaseCommitBug.ResolverIgnoresLiveCoordinator)]
    [Goal("1.1.3-2")]
    public async Task Recovery_cannot_take_the_log_of_a_live_coordinator_process_so_it_never_rolls_back_what_that_coordinator_commits(TwoPhaseCommitBug bug)
    {
        var path = fixture.NewLogPath();
        var id = $"live-{bug}";
        var transfer = ZeroTransfer(id);
        Exception? refused = null;
        RecoveryReport? rogue = null;
        var run = await CoordinatorProcess.RunAsync(new CoordinatorCommandLine(path, Bed.ConnectionStrings, transfer, CrashPoint.CoordinatorAfterFirstPrepare),
            async (_, ct) =>
            {
                // The coordinator process is alive, paused after its first PREPARE. A recovery starts anyway.
                refused = await Record.ExceptionAsync(async () => rogue = await InDoubtResolver.RecoverFromLogAsync(path, Bed.Participants, bug, ct));
                return true;
            });
        var holding = await Bed.ParticipantsHoldingAsync(id, transfer.Participants);
        output.WriteLine($"{bug}: recovery {(refused is null ? $"ran: {rogue}" : $"refused: {refused.Message}")}; the coordinator reported {run.Outcome} {run.Reason}; held by [{string.Join(",", holding)}]");
        if (bug == TwoPhaseCommitBug.None)
        {
            Assert.IsType<DecisionLogHeldException>(refused);
            Assert.Equal(TransferOutcome.Committed, run.Outcome);
            Assert.Equal(transfer.Participants, holding);
        }
        else
        {
            // The planted bug presumed an abort for participant 0's prepared transaction; the coordinator then committed
            // participant 1, and COMMIT PREPARED on participant 0 answered "does not exist" — told apart from "unreachable".
            Assert.Equal(1, rogue!.RolledBack);
            Assert.Equal(TransferOutcome.CommitFoundNoPreparedTransaction, run.Outcome);
            Assert.Equal([1], holding);
        }
    }

    [Theory]
    [InlineData(TwoPhaseCommitBug.None, new[] { 0, 1 })]
    [InlineData(TwoPhaseCommitBug.ResolverRollsBackCommitted, new int[0])]
    [Goal("1.1.3-2")]
    public async Task Recovery_commits_what_the_log_decided_and_a_planted_resolver_that_rolls_it_back_is_caught(TwoPhaseCommitBug bug, int[] expectedHolding)
    {
        var path = fixture.NewLogPath();
        var id = $"decided-{bug}";
        var transfer = ZeroTransfer(id);
        var run = await CoordinatorProcess.RunAsync(new CoordinatorCommandLine(path, Bed.ConnectionStrings, transfer, CrashPoint.CoordinatorAfterDecision),
            (_, _) => Task.FromResult(false));
        await Bed.WaitForSessionsToCloseAsync(CoordinatorProgram.ApplicationName(run.Pid));
        await InDoubtResolver.RecoverFromLogAsync(path, Bed.Participants, bug);
        var holding = await Bed.ParticipantsHoldingAsync(id, transfer.Participants);
        Assert.Equal(expectedHolding, holding);
        // The rule the randomized run checks: after a crash past the decision, the transfer must be applied everywhere.
        Assert.True(CrashInjector.MustCommit(CrashPoint.CoordinatorAfterDecision));
        Assert.Equal(bug == TwoPhaseCommitBug.None, holding.Count == transfer.Participants.Count);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public async Task Commit_prepared_of_a_gid_nobody_prepared_is_no_such_transaction_and_of_a_dead_participant_is_unreachable()
    {
        await using var conn = await Bed.Participants[2].OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(TwoPhaseCoordinator.Statement("COMMIT PREPARED", "sm2pc:nobody:nothing"), conn);
        var missing = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Equal(PhaseTwoAnswer.NoSuchPreparedTransaction, TwoPhaseCoordinator.ClassifyFailure(missing));

        await Bed.KillAsync(2);
        try
        {
            var down = await Assert.ThrowsAnyAsync<Exception>(() => cmd.ExecuteNonQueryAsync());
            output.WriteLine($"{down.GetType().Name}: {down.Message}");
            Assert.Equal(PhaseTwoAnswer.Unreachable, TwoPhaseCoordinator.ClassifyFailure(down));
        }
        finally
        {
            await Bed.RestartStoppedAsync();
        }
    }
}
