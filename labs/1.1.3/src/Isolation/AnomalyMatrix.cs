using System.Data;
using System.Globalization;
using Npgsql;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// Runs each anomaly of <see cref="Anomaly"/> at an isolation level with real concurrent sessions
/// against one PostgreSQL database, in the style of the Hermitage suite: the statements of the
/// sessions are interleaved in a fixed order, and when a statement must wait on a row lock the
/// scenario goes on only once <c>pg_blocking_pids</c> shows the wait.
/// </summary>
public sealed class AnomalyMatrix(string connectionString)
{
    /// <summary>Runs every anomaly at every level (the matrix, row by row).</summary>
    public async Task<IReadOnlyList<AnomalyOutcome>> RunAllAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var results = new List<AnomalyOutcome>();
        foreach (var anomaly in Enum.GetValues<Anomaly>())
            foreach (var level in DocumentedOutcomes.Levels)
            {
                progress?.Report($"{anomaly} at {DocumentedOutcomes.LevelName(level)}");
                results.Add(await RunAsync(anomaly, level, ct));
            }
        return results;
    }

    public Task<AnomalyOutcome> RunAsync(Anomaly anomaly, IsolationLevel level, CancellationToken ct = default) => anomaly switch
    {
        Anomaly.DirtyWrite => DirtyWriteAsync(level, ct),
        Anomaly.DirtyRead => DirtyReadAsync(level, ct),
        Anomaly.NonRepeatableRead => NonRepeatableReadAsync(level, ct),
        Anomaly.Phantom => PhantomAsync(level, ct),
        Anomaly.LostUpdate => LostUpdateAsync(level, ct),
        Anomaly.ReadSkew => ReadSkewAsync(level, ct),
        Anomaly.WriteSkew => WriteSkewAsync(level, ct),
        Anomaly.ReadOnlyAnomaly => ReadOnlyAnomalyAsync(level, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(anomaly), anomaly, "unknown anomaly"),
    };

    // Hermitage G0. T1 and T2 both write x and y; T2's write of x waits on T1's row lock.
    // The anomaly would be a final state that mixes the two transactions' writes.
    private async Task<AnomalyOutcome> DirtyWriteAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        var t2WritesX = t2.ExecuteAsync("UPDATE test SET value = 12 WHERE id = 1", ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2WritesX, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 21 WHERE id = 2", ct);
        await t1.CommitAsync(ct);
        if (await t2WritesX)
        {
            await t2.ExecuteAsync("UPDATE test SET value = 22 WHERE id = 2", ct);
            await t2.CommitAsync(ct);
        }
        var (x, y) = (await ReadAsync("SELECT value FROM test WHERE id = 1", ct), await ReadAsync("SELECT value FROM test WHERE id = 2", ct));
        var mixed = !((x, y) is (11, 21) or (12, 22));
        return Outcome(Anomaly.DirtyWrite, level, mixed, waited, t2.FailedWith,
            $"T2's write of x waited: {waited}; T2 {(t2.Committed ? "committed" : "failed " + t2.FailedWith)}; final x={x}, y={y}");
    }

    // Hermitage G1a. T1 writes x and rolls back; T2 reads x before and after the rollback.
    private async Task<AnomalyOutcome> DirtyReadAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 101 WHERE id = 1", ct);
        var during = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.RollbackAsync(ct);
        var after = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.CommitAsync(ct);
        return Outcome(Anomaly.DirtyRead, level, during == 101 || after == 101, false, t2.FailedWith,
            $"T2 read x={during} while T1's uncommitted x=101 existed, x={after} after T1 rolled back");
    }

    // T1 reads x twice; T2 changes x and commits in between.
    private async Task<AnomalyOutcome> NonRepeatableReadAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        var first = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        await t2.CommitAsync(ct);
        var second = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.NonRepeatableRead, level, first != second, false, t1.FailedWith,
            $"T1 read x={first}, then x={second} after T2 committed x=11");
    }

    // Hermitage PMP. T1 counts the rows matching a predicate twice; T2 inserts a matching row in between.
    private async Task<AnomalyOutcome> PhantomAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        var first = await t1.ScalarAsync("SELECT count(*) FROM test WHERE value % 10 = 0", ct);
        await t2.ExecuteAsync("INSERT INTO test VALUES (3, 30)", ct);
        await t2.CommitAsync(ct);
        var second = await t1.ScalarAsync("SELECT count(*) FROM test WHERE value % 10 = 0", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.Phantom, level, first != second, false, t1.FailedWith,
            $"T1 counted {first} rows matching the predicate, then {second} after T2 inserted a matching row");
    }

    // Hermitage P4. Two read-modify-write increments of one counter; the second write waits on the first's lock.
    private async Task<AnomalyOutcome> LostUpdateAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE counter (id int PRIMARY KEY, value int); INSERT INTO counter VALUES (1, 10);", ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        #region Exercise 1.1.3-1: interleave two read-modify-write increments so that one of them is lost
        var read1 = await t1.ScalarAsync("SELECT value FROM counter WHERE id = 1", ct);
        var read2 = await t2.ScalarAsync("SELECT value FROM counter WHERE id = 1", ct);
        await t1.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE counter SET value = {read1 + 1} WHERE id = 1"), ct);
        // T2 writes the value it computed from its own (now stale) read: it must wait for T1's row lock.
        var t2Writes = t2.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE counter SET value = {read2 + 1} WHERE id = 1"), ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2Writes, ct);
        await t1.CommitAsync(ct);
        if (await t2Writes) await t2.CommitAsync(ct);
        var final = await ReadAsync("SELECT value FROM counter WHERE id = 1", ct);
        // Two committed increments of 10 must give 12; 11 means one was lost.
        var lost = t1.Committed && t2.Committed && final == 11;
        return Outcome(Anomaly.LostUpdate, level, lost, waited, t2.FailedWith,
            $"both read {read1}; T2's write waited: {waited}; T2 {(t2.Committed ? "committed" : "failed " + t2.FailedWith)}; final value {final} after {(t2.Committed ? 2 : 1)} committed increment(s)");
        #endregion
    }

    // Hermitage G-single. x + y = 30 is the invariant; T2 moves 5 from x to y while T1 reads x, then y.
    private async Task<AnomalyOutcome> ReadSkewAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "T1", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "T2", level, ct);
        var x = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 5 WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 25 WHERE id = 2", ct);
        await t2.CommitAsync(ct);
        var y = await t1.ScalarAsync("SELECT value FROM test WHERE id = 2", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.ReadSkew, level, x + y != 30, false, t1.FailedWith,
            $"T1 read x={x} before and y={y} after T2's transfer: x + y = {x + y} (the invariant is 30)");
    }

    // Hermitage G2-item, as the on-call doctors: at least one doctor must stay on call.
    private async Task<AnomalyOutcome> WriteSkewAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL); INSERT INTO doctors VALUES ('alice', true), ('bob', true);", ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "alice", level, ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "bob", level, ct);
        #region Exercise 1.1.3-1: let both doctors check the invariant and go off call concurrently
        var seenByAlice = await t1.ScalarAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        var seenByBob = await t2.ScalarAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        if (seenByAlice >= 2) await t1.ExecuteAsync("UPDATE doctors SET on_call = false WHERE name = 'alice'", ct);
        if (seenByBob >= 2 && t2.FailedWith is null) await t2.ExecuteAsync("UPDATE doctors SET on_call = false WHERE name = 'bob'", ct);
        await t1.CommitAsync(ct);
        await t2.CommitAsync(ct);
        var onCall = await ReadAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        var failed = t1.FailedWith ?? t2.FailedWith;
        return Outcome(Anomaly.WriteSkew, level, onCall == 0, false, failed,
            $"each saw {seenByAlice}/{seenByBob} on call; alice {State(t1)}, bob {State(t2)}; {onCall} doctor(s) on call at the end");
        #endregion
    }

    // Fekete, O'Neil and O'Neil, "A read-only transaction anomaly under snapshot isolation" (2004):
    // T2 withdraws 10 from checking and charges a fee of 1 if checking + savings would go negative;
    // T1 deposits 20 into savings; the read-only T3 reports both balances after T1 and before T2.
    private async Task<AnomalyOutcome> ReadOnlyAnomalyAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE account (name text PRIMARY KEY, balance int NOT NULL); INSERT INTO account VALUES ('checking', 0), ('savings', 0);", ct);
        await using var t2 = await TxSession.BeginAsync(connectionString, "withdraw", level, ct);
        await using var t1 = await TxSession.BeginAsync(connectionString, "deposit", level, ct);
        #region Exercise 1.1.3-1: interleave deposit, report and withdrawal so the read-only report sees an impossible state
        var total = await t2.ScalarAsync("SELECT sum(balance) FROM account", ct);
        await t1.ExecuteAsync("UPDATE account SET balance = balance + 20 WHERE name = 'savings'", ct);
        await t1.CommitAsync(ct);
        await using var t3 = await TxSession.BeginAsync(connectionString, "report", level, ct);
        var reportChecking = await t3.ScalarAsync("SELECT balance FROM account WHERE name = 'checking'", ct);
        var reportSavings = t3.FailedWith is null ? await t3.ScalarAsync("SELECT balance FROM account WHERE name = 'savings'", ct) : null;
        await t3.CommitAsync(ct);
        if (total is not null)
        {
            var fee = total - 10 < 0 ? 1 : 0;
            await t2.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE account SET balance = balance - {10 + fee} WHERE name = 'checking'"), ct);
        }
        await t2.CommitAsync(ct);
        var checking = await ReadAsync("SELECT balance FROM account WHERE name = 'checking'", ct);
        // The report saw the deposit but not the withdrawal, so a serial order must run the deposit before the
        // withdrawal; but then the withdrawal would have seen 20 in savings and charged no fee (-10, not -11).
        var anomaly = t1.Committed && t2.Committed && t3.Committed && reportSavings == 20 && reportChecking == 0 && checking == -11;
        var failed = t2.FailedWith ?? t3.FailedWith ?? t1.FailedWith;
        return Outcome(Anomaly.ReadOnlyAnomaly, level, anomaly, false, failed,
            $"report saw checking={reportChecking}, savings={reportSavings}; withdraw {State(t2)}, report {State(t3)}; final checking={checking}");
        #endregion
    }

    private static string State(TxSession s) => s.Committed ? "committed" : $"failed ({s.FailedWith})";

    private static AnomalyOutcome Outcome(Anomaly anomaly, IsolationLevel level, bool observed, bool waited, string? sqlState, string detail)
    {
        var serializationFailure = sqlState == PostgresErrorCodes.SerializationFailure;
        var prevention = observed ? Prevention.None
            : waited && serializationFailure ? Prevention.LockWaitThenSerializationFailure
            : waited ? Prevention.LockWait
            : serializationFailure ? Prevention.SerializationFailure
            : Prevention.Snapshot;
        return new AnomalyOutcome(anomaly, level, observed, prevention, serializationFailure ? sqlState : null, detail);
    }

    private async Task ResetAsync(string schema, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("DROP TABLE IF EXISTS test, counter, doctors, account; " + schema, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ReadAsync(string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
