using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Measures the blocking two-phase commit causes: a transfer is prepared on two participants and its coordinator
/// process is killed before deciding. The prepared transaction keeps its locks across the outage; a writer of the same
/// account waits, while readers (MVCC) and writers of other rows are probed, each under a statement timeout, round
/// after round. Then the coordinator restarts and its recovery resolves the transaction; the writer's release is timed
/// against the moment the resolution was sent.
/// </summary>
public sealed class BlockingProbe(TwoPhaseCommitTestbed bed, string decisionLogPath)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private int _round;

    public async Task<BlockingMeasurement> MeasureAsync(TimeSpan outage, CancellationToken cancellationToken = default)
    {
        var id = $"block-{Environment.ProcessId}-{_round++}";
        // A zero-amount transfer: it still updates, and so locks, account 1 in both databases, whatever their balances.
        var transfer = new Transfer(id, [new TransferLeg(0, 1, 0), new TransferLeg(1, 1, 0)]);
        var coordinator = await CoordinatorProcess.RunAsync(
            new CoordinatorCommandLine(decisionLogPath, bed.ConnectionStrings, transfer, CrashPoint.CoordinatorAfterAllPrepared), (_, _) => Task.FromResult(false),
            cancellationToken: cancellationToken);
        if (!coordinator.Killed) throw new InvalidOperationException($"Transfer {id} was not left in doubt: the coordinator reported {coordinator.Outcome}.");
        await bed.WaitForSessionsToCloseAsync(CoordinatorProgram.ApplicationName(coordinator.Pid), cancellationToken);

        var gid = TwoPhaseCoordinator.Gid(Path.GetFileNameWithoutExtension(decisionLogPath), id);
        await using var observer = await OpenAsync("blocking-observer", null, cancellationToken);
        // A prepared transaction's locks stay in pg_locks with no pid, under the virtual transaction that took them.
        var locksHeld = await Sql.ScalarAsync<long>(observer, """
            SELECT count(*) FROM pg_locks WHERE pid IS NULL AND virtualtransaction IN
              (SELECT virtualtransaction FROM pg_locks WHERE locktype = 'transactionid'
                 AND transactionid = (SELECT transaction FROM pg_prepared_xacts WHERE gid = $1))
            """, cancellationToken, gid);
        var rowsLocked = await Sql.ScalarAsync<long>(observer, "SELECT count(*) FROM pgrowlocks('accounts')", cancellationToken);

        // A writer of the same account: it must wait until the coordinator is back and recovery resolves the transfer.
        await using var writerSession = await OpenAsync("blocked-writer", null, cancellationToken);
        var writerStart = Stopwatch.GetTimestamp();
        var writer = EndOfAsync(writerSession, "UPDATE accounts SET balance = balance WHERE id = 1", cancellationToken);
        await Eventually.UntilAsync(async () => writer.IsCompleted || await BlockedByPreparedAsync(observer, writerSession.ProcessID, cancellationToken),
            TimeSpan.FromSeconds(15), "the writer of account 1 to wait on the prepared transaction", cancellationToken);
        if (writer.IsCompleted) throw new InvalidOperationException("The writer finished without waiting: the prepared transaction held no lock on its row.");

        var probes = await ProbeDuringOutageAsync(observer, writerSession.ProcessID, writer, outage, cancellationToken);

        // The coordinator restarts: a new coordinator takes its log and recovers.
        var recoveryStart = Stopwatch.GetTimestamp();
        var recovery = await InDoubtResolver.RecoverFromLogAsync(decisionLogPath, bed.Participants, cancellationToken: cancellationToken);
        var recoveryTime = Stopwatch.GetElapsedTime(recoveryStart);
        var writerEnd = await writer;
        if (recovery.FirstResolutionSentAt == 0) throw new InvalidOperationException($"Recovery resolved nothing, though {gid} was in doubt.");
        return new BlockingMeasurement(outage, Stopwatch.GetElapsedTime(coordinator.KilledAt, recovery.FirstResolutionSentAt), locksHeld, rowsLocked,
            Stopwatch.GetElapsedTime(writerStart, writerEnd), Stopwatch.GetElapsedTime(writerStart, recovery.FirstResolutionSentAt),
            Stopwatch.GetElapsedTime(recovery.FirstResolutionSentAt, writerEnd), probes.Rounds, probes.Blocked, probes.Timeouts,
            probes.ReaderMax, probes.OtherRowWriterMax, probes.LockTimeouts, recoveryTime);
    }

    /// <summary>Rounds of probes, back to back, until the planned outage has passed: read the blocked row and another one,
    /// update the other one (each under a 2 s statement timeout), try the blocked row with lock_timeout = 100ms, and check
    /// that the writer is still blocked by the prepared transaction.</summary>
    private async Task<(int Rounds, int Blocked, int Timeouts, TimeSpan ReaderMax, TimeSpan OtherRowWriterMax, int LockTimeouts)> ProbeDuringOutageAsync(
        NpgsqlConnection observer, int writerPid, Task<long> writer, TimeSpan outage, CancellationToken ct)
    {
        await using var probe = await OpenAsync("outage-probe", $"-c statement_timeout={ProbeTimeout.TotalMilliseconds:0}", ct);
        await using var impatient = await OpenAsync("impatient-writer", "-c lock_timeout=100", ct);
        int rounds = 0, blocked = 0, timeouts = 0, lockTimeouts = 0;
        TimeSpan readerMax = TimeSpan.Zero, otherRowMax = TimeSpan.Zero;
        var start = Stopwatch.GetTimestamp();
        do
        {
            rounds++;
            foreach (var (sql, isRead) in new[]
                     {
                         ("SELECT balance FROM accounts WHERE id = 1", true), ("SELECT balance FROM accounts WHERE id = 2", true),
                         ("UPDATE accounts SET balance = balance WHERE id = 2", false),
                     })
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await Sql.ExecuteAsync(probe, ct, sql);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
                {
                    timeouts++;
                }
                var took = Stopwatch.GetElapsedTime(t0);
                if (isRead) readerMax = took > readerMax ? took : readerMax;
                else otherRowMax = took > otherRowMax ? took : otherRowMax;
            }
            try
            {
                await Sql.ExecuteAsync(impatient, ct, "UPDATE accounts SET balance = balance WHERE id = 1");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                lockTimeouts++;
            }
            if (!writer.IsCompleted && await BlockedByPreparedAsync(observer, writerPid, ct)) blocked++;
        }
        while (Stopwatch.GetElapsedTime(start) < outage);
        return (rounds, blocked, timeouts, readerMax, otherRowMax, lockTimeouts);
    }

    /// <summary>pg_blocking_pids reports a prepared transaction as blocker pid 0.</summary>
    private static Task<bool> BlockedByPreparedAsync(NpgsqlConnection observer, int pid, CancellationToken ct) =>
        Sql.ScalarAsync<bool>(observer, "SELECT 0 = ANY(pg_blocking_pids($1))", ct, pid);

    /// <summary>Runs a statement and returns when it ended (a <see cref="Stopwatch"/> timestamp).</summary>
    private static async Task<long> EndOfAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await Sql.ExecuteAsync(conn, ct, sql);
        return Stopwatch.GetTimestamp();
    }

    private async Task<NpgsqlConnection> OpenAsync(string name, string? options, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(Sql.Unpooled(bed.ConnectionStrings[0], name)) { Options = options };
        var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }
}
