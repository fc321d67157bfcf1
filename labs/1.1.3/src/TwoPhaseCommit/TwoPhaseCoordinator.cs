using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The coordinator of two-phase commit over PostgreSQL participants. Each participant does its part
/// of a transfer in a local EF Core transaction, then PREPARE TRANSACTION makes that part durable and
/// votes yes. When all voted yes the coordinator forces a commit record to its <see cref="DecisionLog"/>
/// (the commit point) and sends COMMIT PREPARED to each; otherwise it rolls the prepared parts back.
/// Anything left undone by a crash is finished by <see cref="InDoubtResolver"/>.
/// </summary>
public sealed class TwoPhaseCoordinator(IReadOnlyList<NpgsqlDataSource> participants, DecisionLog log, IFaultInjector? faults = null)
{
    /// <summary>Every global transaction id this coordinator creates starts with this prefix.</summary>
    public const string GidPrefix = "sm2pc:";

    private readonly IReadOnlyList<DbContextOptions<AccountsContext>> _options = participants.Select(AccountsContext.OptionsFor).ToList();

    public static string Gid(string transferId) => GidPrefix + transferId;

    public async Task<TransferResult> ExecuteAsync(Transfer transfer, CancellationToken cancellationToken = default)
    {
        if (transfer.Participants.Any(p => p < 0 || p >= participants.Count))
            throw new ArgumentException($"Transfer {transfer.Id} names a participant outside 0..{participants.Count - 1}.", nameof(transfer));
        var gid = Gid(transfer.Id);
        var sessions = new List<(int Participant, AccountsContext Context, IDbContextTransaction Transaction)>();
        var prepared = new List<(int Participant, AccountsContext Context)>();
        try
        {
            // Local work: each participant applies its legs in its own transaction; a leg that would
            // overdraw an account is that participant's "no" vote.
            foreach (var p in transfer.Participants)
            {
                var context = new AccountsContext(_options[p]);
                var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
                sessions.Add((p, context, transaction));
                if (await ApplyLegsAsync(context, transfer, p, cancellationToken) is { } refusal)
                    return new TransferResult(transfer, TransferOutcome.AbortedByVote, refusal);
            }
            await At(TwoPhaseStep.WorkDone, -1, cancellationToken);

            #region Exercise 1.1.3-2: phase 1 — prepare every participant; any failure before a decision means abort
            foreach (var (p, context, transaction) in sessions)
            {
                try
                {
                    await context.Database.ExecuteSqlRawAsync(Statement("PREPARE TRANSACTION", gid), cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The participant is gone (or its session broke): its local work is lost, so the vote is no.
                    log.Append(Decision.Abort, transfer.Id, transfer.Participants);
                    await RollbackPreparedAsync(prepared, gid);
                    return new TransferResult(transfer, TransferOutcome.AbortedParticipantFailed, $"participant {p} failed to prepare: {e.Message}");
                }
                // PREPARE ended the session's transaction; the EF transaction object has nothing left to roll back.
                await transaction.DisposeAsync();
                prepared.Add((p, context));
                await At(TwoPhaseStep.Prepared, p, cancellationToken);
            }
            await At(TwoPhaseStep.AllPrepared, -1, cancellationToken);
            #endregion

            #region Exercise 1.1.3-2: the decision — force the commit record to disk, then phase 2
            log.Append(Decision.Commit, transfer.Id, transfer.Participants);
            await At(TwoPhaseStep.DecisionLogged, -1, cancellationToken);
            var unreachable = new List<int>();
            foreach (var (p, context) in prepared)
            {
                try
                {
                    await context.Database.ExecuteSqlRawAsync(Statement("COMMIT PREPARED", gid), cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    unreachable.Add(p); // decided commit stays decided: recovery commits it there later
                    continue;
                }
                await At(TwoPhaseStep.CommittedPrepared, p, cancellationToken);
            }
            if (unreachable.Count > 0)
                return new TransferResult(transfer, TransferOutcome.CommittedPendingRecovery, $"participants {string.Join(", ", unreachable)} unreachable in phase 2");
            await At(TwoPhaseStep.AllCommitted, -1, cancellationToken);
            log.Append(Decision.End, transfer.Id, transfer.Participants);
            return new TransferResult(transfer, TransferOutcome.Committed);
            #endregion
        }
        finally
        {
            // On every path, including a crash: close the sessions. Unprepared work dies with them.
            foreach (var (_, context, transaction) in sessions)
            {
                await transaction.DisposeAsync();
                await context.DisposeAsync();
            }
        }
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

    private static async Task<string?> ApplyLegsAsync(AccountsContext context, Transfer transfer, int participant, CancellationToken ct)
    {
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
    }

    private static async Task RollbackPreparedAsync(List<(int Participant, AccountsContext Context)> prepared, string gid)
    {
        foreach (var (_, context) in prepared)
        {
            try
            {
                await context.Database.ExecuteSqlRawAsync(Statement("ROLLBACK PREPARED", gid));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // Unreachable now: the prepared part stays in doubt until recovery rolls it back (presumed abort).
            }
        }
    }

    /// <summary>PREPARE TRANSACTION and its companions take the GID as a literal, not a parameter;
    /// transfer ids are checked to hold no quote, and any quote is doubled all the same.</summary>
    internal static string Statement(string command, string gid) => $"{command} '{gid.Replace("'", "''", StringComparison.Ordinal)}'";

    private ValueTask At(TwoPhaseStep step, int participant, CancellationToken ct) =>
        faults?.AtAsync(step, participant, ct) ?? ValueTask.CompletedTask;
}
