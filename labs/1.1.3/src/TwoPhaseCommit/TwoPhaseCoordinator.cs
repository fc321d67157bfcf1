using Microsoft.EntityFrameworkCore;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The coordinator of two-phase commit over PostgreSQL participants. Each participant does its part
/// of a transfer in a local EF Core transaction, then PREPARE TRANSACTION makes that part durable and
/// votes yes. When all voted yes the coordinator forces a commit record to its <see cref="DecisionLog"/>
/// (the commit point) and sends COMMIT PREPARED to each; otherwise it rolls the prepared parts back.
/// Anything left undone by a crash is finished by <see cref="InDoubtResolver"/>.
/// </summary>
/// <param name="participants">One connection pool per participant database.</param>
/// <param name="log">This coordinator's decision log (its file name is the coordinator's id in every GID).</param>
/// <param name="faults">Called at every step of the protocol (crash points), or null.</param>
/// <param name="bug">A planted protocol mistake (<see cref="TwoPhaseCommitBug.CommitBeforeAllPrepared"/>), for the tests that show the checks catch it.</param>
public sealed class TwoPhaseCoordinator(IReadOnlyList<NpgsqlDataSource> participants, DecisionLog log, IFaultInjector? faults = null,
    TwoPhaseCommitBug bug = TwoPhaseCommitBug.None)
{
    /// <summary>Every global transaction id a coordinator creates starts with this prefix.</summary>
    public const string GidPrefix = "sm2pc:";

    private readonly IReadOnlyList<DbContextOptions<AccountsContext>> _options = participants.Select(AccountsContext.OptionsFor).ToList();

    /// <summary>The GID of a transfer: <c>sm2pc:&lt;coordinator&gt;:&lt;transfer&gt;</c>, so that a coordinator's recovery
    /// can tell its own prepared transactions from another coordinator's.</summary>
    public static string Gid(string coordinatorId, string transferId) => $"{GidPrefix}{coordinatorId}:{transferId}";

    /// <summary>The GIDs of one coordinator start with this.</summary>
    public static string GidPrefixOf(string coordinatorId) => Gid(coordinatorId, "");

    public async Task<TransferResult> ExecuteAsync(Transfer transfer, CancellationToken cancellationToken = default)
    {
        if (transfer.Participants.Any(p => p < 0 || p >= participants.Count))
            throw new ArgumentException($"Transfer {transfer.Id} names a participant outside 0..{participants.Count - 1}.", nameof(transfer));
        var sessions = new List<ParticipantSession>();
        log.MarkInFlight(transfer.Id);
        try
        {
            // Local work: each participant applies its legs in its own transaction; a leg that would
            // overdraw an account is that participant's "no" vote.
            foreach (var p in transfer.Participants)
            {
                var session = await ParticipantSession.BeginAsync(p, _options[p], cancellationToken);
                sessions.Add(session);
                if (await ApplyLegsAsync(session.Context, transfer, p, cancellationToken) is { } refusal)
                    return new TransferResult(transfer, TransferOutcome.AbortedByVote, refusal);
            }
            if (faults is not null) await faults.AtAsync(TwoPhaseStep.WorkDone, -1, cancellationToken);
            var round = new TwoPhaseRound(transfer, Gid(log.CoordinatorId, transfer.Id), log, sessions, faults);
            return bug == TwoPhaseCommitBug.CommitBeforeAllPrepared
                ? await RunEarlyCommitProtocolAsync(round, cancellationToken)
                : await RunProtocolAsync(round, cancellationToken);
        }
        finally
        {
            // A coordinator that returns closes its sessions; one that is killed does not get here (the server sees the
            // connections drop, and rolls back whatever was not prepared).
            log.ClearInFlight(transfer.Id);
            foreach (var s in sessions) await s.DisposeAsync();
        }
    }

    /// <summary>
    /// Two-phase commit once every participant has done its local work. Phase 1: prepare each participant in turn; if
    /// one fails to prepare, log an abort, roll back those already prepared and report
    /// <see cref="TransferOutcome.AbortedParticipantFailed"/>. The decision: log commit (forced to disk). Phase 2: commit
    /// each prepared participant; one that is unreachable keeps the decided commit for recovery
    /// (<see cref="TransferOutcome.CommittedPendingRecovery"/>), one that has no such prepared transaction is reported
    /// (<see cref="TransferOutcome.CommitFoundNoPreparedTransaction"/>); when all committed, log the end record.
    /// </summary>
    internal static async Task<TransferResult> RunProtocolAsync(TwoPhaseRound round, CancellationToken ct)
    {
        #region Exercise 1.1.3-2b: phase 1 (prepare all, abort on any failure), the forced commit record, phase 2 (tests: TwoPhaseCommitTests)
        var prepared = new List<ParticipantSession>();
        foreach (var session in round.Sessions)
        {
            if (!await round.PrepareAsync(session, ct))
            {
                await round.LogDecisionAsync(Decision.Abort, ct);
                foreach (var p in prepared) await round.RollbackPreparedAsync(p, ct);
                return new TransferResult(round.Transfer, TransferOutcome.AbortedParticipantFailed,
                    $"participant {session.Participant} failed to prepare: {session.LastError}");
            }
            prepared.Add(session);
        }
        await round.LogDecisionAsync(Decision.Commit, ct);
        var unreachable = new List<int>();
        var missing = new List<int>();
        foreach (var session in prepared)
        {
            var answer = await round.CommitPreparedAsync(session, ct);
            if (answer == PhaseTwoAnswer.Unreachable) unreachable.Add(session.Participant);
            else if (answer == PhaseTwoAnswer.NoSuchPreparedTransaction) missing.Add(session.Participant);
        }
        if (missing.Count > 0)
            return new TransferResult(round.Transfer, TransferOutcome.CommitFoundNoPreparedTransaction,
                $"participants {string.Join(", ", missing)} had no prepared transaction {round.Gid} to commit");
        if (unreachable.Count > 0)
            return new TransferResult(round.Transfer, TransferOutcome.CommittedPendingRecovery, $"participants {string.Join(", ", unreachable)} unreachable in phase 2");
        round.LogEnd();
        return new TransferResult(round.Transfer, TransferOutcome.Committed);
        #endregion
    }

    /// <summary>The planted <see cref="TwoPhaseCommitBug.CommitBeforeAllPrepared"/>: commit is decided after the first
    /// participant prepared, and each participant is committed as soon as it has prepared.</summary>
    private static async Task<TransferResult> RunEarlyCommitProtocolAsync(TwoPhaseRound round, CancellationToken ct)
    {
        var decided = false;
        foreach (var session in round.Sessions)
        {
            if (!await round.PrepareAsync(session, ct))
            {
                if (!decided) await round.LogDecisionAsync(Decision.Abort, ct);
                return new TransferResult(round.Transfer, TransferOutcome.AbortedParticipantFailed, $"participant {session.Participant} failed to prepare: {session.LastError}");
            }
            if (!decided) await round.LogDecisionAsync(Decision.Commit, ct);
            decided = true;
            await round.CommitPreparedAsync(session, ct);
        }
        round.LogEnd();
        return new TransferResult(round.Transfer, TransferOutcome.Committed);
    }

    /// <summary>
    /// What a failed COMMIT PREPARED or ROLLBACK PREPARED means: the participant answered that it has no such prepared
    /// transaction (SQLSTATE 42704); or it could not be reached — a broken connection, a server shutting down or
    /// refusing connections (SQLSTATE classes 08 and 57P). Any other error is not a phase-two answer: null.
    /// </summary>
    internal static PhaseTwoAnswer? ClassifyFailure(Exception e)
    {
        #region Exercise 1.1.3-2c: tell 'no such prepared transaction' (the participant answered) from 'unreachable' (tests: PhaseTwoAnswerTests.A_server_answer_is_classified_by_its_sqlstate, PhaseTwoAnswerTests.Other_server_errors_are_not_phase_two_answers, PhaseTwoAnswerTests.No_answer_at_all_is_unreachable)
        return e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UndefinedObject } => PhaseTwoAnswer.NoSuchPreparedTransaction,
            PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) => PhaseTwoAnswer.Unreachable,
            PostgresException => null,
            NpgsqlException or InvalidOperationException or IOException or System.Net.Sockets.SocketException => PhaseTwoAnswer.Unreachable,
            _ => null,
        };
        #endregion
    }

    /// <summary>The baseline: the same transfer when every leg lives in one database — one local transaction, no 2PC.</summary>
    public async Task<TransferResult> ExecuteSingleDatabaseAsync(Transfer transfer, CancellationToken cancellationToken = default)
    {
        if (transfer.Participants.Count != 1)
            throw new ArgumentException($"Transfer {transfer.Id} spans {transfer.Participants.Count} databases; the single-database path needs one.", nameof(transfer));
        var p = transfer.Participants[0];
        await using var context = new AccountsContext(_options[p]);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await ApplyLegsAsync(context, transfer, p, cancellationToken) is { } refusal)
            return new TransferResult(transfer, TransferOutcome.AbortedByVote, refusal);
        await transaction.CommitAsync(cancellationToken);
        return new TransferResult(transfer, TransferOutcome.Committed);
    }

    /// <summary>A participant's local work, inside its open transaction: for each leg of the transfer on this participant,
    /// change the balance only if it stays non-negative and record the leg in <c>applied_transfers</c>. Returns null when
    /// every leg applied, else the reason of the participant's "no" vote.</summary>
    internal static async Task<string?> ApplyLegsAsync(AccountsContext context, Transfer transfer, int participant, CancellationToken ct)
    {
        #region Exercise 1.1.3-2d: apply this participant's legs with EF Core; a leg that would overdraw is a no vote (tests: TwoPhaseCommitTests)
        foreach (var leg in transfer.Legs.Where(l => l.Participant == participant))
        {
            var updated = await context.Accounts
                .Where(a => a.Id == leg.AccountId && a.Balance + leg.Delta >= 0)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + leg.Delta), ct);
            if (updated == 0) return $"participant {participant} votes no: account {leg.AccountId} cannot take {leg.Delta:+#;-#;0}";
            context.AppliedTransfers.Add(new AppliedTransfer { TransferId = transfer.Id, AccountId = leg.AccountId, Delta = leg.Delta });
        }
        await context.SaveChangesAsync(ct);
        return null;
        #endregion
    }

    /// <summary>PREPARE TRANSACTION and its companions take the GID as a literal, not a parameter;
    /// transfer ids are checked to hold no quote, and any quote is doubled all the same.</summary>
    internal static string Statement(string command, string gid) => $"{command} {Sql.QuoteLiteral(gid)}";
}
