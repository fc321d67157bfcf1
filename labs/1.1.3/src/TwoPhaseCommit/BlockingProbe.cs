using System.Diagnostics;
using Npgsql;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Measures the blocking two-phase commit causes: a transfer is prepared on two participants and the
/// coordinator dies before deciding. The prepared transaction keeps its locks across the outage; a
/// writer of the same account waits until the restarted coordinator's recovery resolves it, while
/// readers (MVCC) and writers of other rows go on.
/// </summary>
public sealed class BlockingProbe(TwoPhaseCommitTestbed bed, string decisionLogPath)
{
    private int _round;

    public async Task<BlockingMeasurement> MeasureAsync(TimeSpan coordinatorDowntime, CancellationToken cancellationToken = default)
    {
        var id = $"block-{Environment.ProcessId}-{_round++}";
        // A zero-amount transfer: it still updates, and so locks, account 1 in both databases, whatever their balances.
        var transfer = new Transfer(id, [new TransferLeg(0, 1, 0), new TransferLeg(1, 1, 0)]);
        var participant = bed.Participants[0];
        using (var log = DecisionLog.Open(decisionLogPath))
        {
            var injector = new CrashInjector(CrashPoint.CoordinatorAfterAllPrepared, transfer, (_, _) => Task.CompletedTask);
            try
            {
                await new TwoPhaseCoordinator(bed.Participants, log, injector).ExecuteAsync(transfer, cancellationToken);
                throw new InvalidOperationException($"Transfer {id} was not left in doubt.");
            }
            catch (CoordinatorCrashedException)
            {
                // The coordinator is down now; both participants hold a prepared transaction.
            }
        }

        await using var observer = await participant.OpenConnectionAsync(cancellationToken);
        #region Exercise 1.1.3-2: measure what the in-doubt transaction holds and who it blocks
        // A prepared transaction's locks stay in pg_locks with no pid, under the virtual transaction that took them.
        var locksHeld = await ScalarAsync(observer, """
            SELECT count(*) FROM pg_locks WHERE pid IS NULL AND virtualtransaction IN
              (SELECT virtualtransaction FROM pg_locks WHERE locktype = 'transactionid'
                 AND transactionid = (SELECT transaction FROM pg_prepared_xacts WHERE gid = @gid))
            """, id, cancellationToken);
        var rowsLocked = await ScalarAsync(observer, "SELECT count(*) FROM pgrowlocks('accounts')", null, cancellationToken);
        var reader = await TimeAsync(participant, "SELECT balance FROM accounts WHERE id = 1", cancellationToken);
        var otherRow = await TimeAsync(participant, "UPDATE accounts SET balance = balance WHERE id = 2", cancellationToken);
        string? lockTimeout = null;
        await using (var impatient = await participant.OpenConnectionAsync(cancellationToken))
        await using (var tx = await impatient.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SET LOCAL lock_timeout = '100ms'; UPDATE accounts SET balance = balance WHERE id = 1", impatient, tx);
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                lockTimeout = e.SqlState;
            }
        }

        // A writer of the same account: it must wait until the coordinator is back and recovery resolves the transfer.
        await using var writerSession = await participant.OpenConnectionAsync(cancellationToken);
        var writerStart = Stopwatch.GetTimestamp();
        var writer = TimeAsync(writerSession, "UPDATE accounts SET balance = balance WHERE id = 1", cancellationToken);
        await WaitUntilBlockedAsync(observer, writerSession.ProcessID, writer, cancellationToken);
        await Task.Delay(coordinatorDowntime, cancellationToken); // the outage being measured, not a synchronisation
        var recoveryStart = Stopwatch.GetTimestamp();
        using (var log = DecisionLog.Open(decisionLogPath))
            await new InDoubtResolver(bed.Participants, log).RecoverAsync(cancellationToken);
        var recoveryTime = Stopwatch.GetElapsedTime(recoveryStart);
        await writer;
        var writerWait = Stopwatch.GetElapsedTime(writerStart);
        return new BlockingMeasurement(coordinatorDowntime, locksHeld, rowsLocked, writerWait, reader, otherRow, lockTimeout, recoveryTime);
        #endregion
    }

    private static async Task WaitUntilBlockedAsync(NpgsqlConnection observer, int writerPid, Task writer, CancellationToken ct)
    {
        // pg_blocking_pids reports a prepared transaction as blocker pid 0.
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM (SELECT 0 = ANY(pg_blocking_pids(@pid)) AS blocked) b WHERE blocked", observer);
        cmd.Parameters.AddWithValue("pid", writerPid);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((long)(await cmd.ExecuteScalarAsync(ct))! == 0)
        {
            if (writer.IsCompleted) throw new InvalidOperationException("The writer finished without waiting: the prepared transaction held no lock on its row.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The writer did not show up as blocked by the prepared transaction within 15 s.");
            await Task.WhenAny(writer, Task.Delay(5, ct));
        }
    }

    private static async Task<TimeSpan> TimeAsync(NpgsqlDataSource participant, string sql, CancellationToken ct)
    {
        await using var conn = await participant.OpenConnectionAsync(ct);
        return await TimeAsync(conn, sql, ct);
    }

    private static async Task<TimeSpan> TimeAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        var start = Stopwatch.GetTimestamp();
        await cmd.ExecuteNonQueryAsync(ct);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, string? gid, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (gid is not null) cmd.Parameters.AddWithValue("gid", TwoPhaseCoordinator.Gid(gid));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
