using System.Data;
using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>
/// Runs each anomaly of <see cref="Anomaly"/> at an isolation level with real concurrent sessions
/// against one PostgreSQL database, in the style of the Hermitage suite: the statements of the
/// sessions are interleaved in a fixed order, and when a statement must wait on a row lock the
/// scenario goes on only once <c>pg_blocking_pids</c> shows the wait. Each scenario records what it saw
/// (<see cref="CellEvidence"/>): the cell says "prevented by snapshot" only when a read was seen returning the
/// older version, never because nothing else explained the outcome.
/// </summary>
/// <param name="connectionString">The database the scenarios create their tables in.</param>
/// <param name="bug">A planted client mistake (<see cref="IsolationBug"/>), for the tests that show the matrix catches it.</param>
public sealed class AnomalyMatrix(string connectionString, IsolationBug bug = IsolationBug.None)
{
    /// <summary>Runs every anomaly at every given level (the matrix, row by row; all three levels by default).</summary>
    public async Task<IReadOnlyList<AnomalyOutcome>> RunAllAsync(IProgress<string>? progress = null, CancellationToken ct = default,
        IReadOnlyList<IsolationLevel>? levels = null)
    {
        var results = new List<AnomalyOutcome>();
        foreach (var anomaly in Enum.GetValues<Anomaly>())
            foreach (var level in levels ?? DocumentedOutcomes.Levels)
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
        Anomaly.IntermediateRead => IntermediateReadAsync(level, ct),
        Anomaly.CircularInformationFlow => CircularInformationFlowAsync(level, ct),
        Anomaly.ObservedTransactionVanishes => ObservedTransactionVanishesAsync(level, ct),
        Anomaly.NonRepeatableRead => NonRepeatableReadAsync(level, ct),
        Anomaly.Phantom => PhantomAsync(level, ct),
        Anomaly.PhantomWritePredicate => PhantomWritePredicateAsync(level, ct),
        Anomaly.LostUpdate => LostUpdateAsync(level, ct),
        Anomaly.ReadSkew => ReadSkewAsync(level, ct),
        Anomaly.WriteSkew => WriteSkewAsync(level, ct),
        Anomaly.PredicateWriteSkew => PredicateWriteSkewAsync(level, ct),
        Anomaly.ReadOnlyAnomaly => ReadOnlyAnomalyAsync(level, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(anomaly), anomaly, "unknown anomaly"),
    };

    /// <summary>
    /// Classifies a cell from what its scenario saw: observed; else a lock wait (followed or not by 40001); else a read
    /// seen returning the older version (the snapshot); else a 40001 without a wait; else unexplained.
    /// </summary>
    public static Prevention Classify(CellEvidence evidence)
    {
        #region Exercise 1.1.3-1a: name what stopped an anomaly from what the sessions were seen to do, never by elimination (tests: AnomalyClassificationTests, AnomalyMatrixTests)
        var serializationFailure = evidence.SqlState == PostgresErrorCodes.SerializationFailure;
        if (evidence.Observed) return Prevention.None;
        if (evidence.Waited) return serializationFailure ? Prevention.LockWaitThenSerializationFailure : Prevention.LockWait;
        if (evidence.ReadOlderVersion) return Prevention.Snapshot;
        return serializationFailure ? Prevention.SerializationFailure : Prevention.Unexplained;
        #endregion
    }

    // Hermitage G0. T1 and T2 both write x and y; T2's write of x waits on T1's row lock.
    // The anomaly would be a final state that mixes the two transactions' writes.
    private async Task<AnomalyOutcome> DirtyWriteAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        var t2WritesX = t2.ExecuteAsync("UPDATE test SET value = 12 WHERE id = 1", ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2WritesX, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 21 WHERE id = 2", ct);
        await t1.CommitAsync(ct);
        if (await t2WritesX is not null)
        {
            await t2.ExecuteAsync("UPDATE test SET value = 22 WHERE id = 2", ct);
            await t2.CommitAsync(ct);
        }
        var (x, y) = (await ReadAsync("SELECT value FROM test WHERE id = 1", ct), await ReadAsync("SELECT value FROM test WHERE id = 2", ct));
        var mixed = !((x, y) is (11, 21) or (12, 22));
        return Outcome(Anomaly.DirtyWrite, level, new CellEvidence(mixed, waited, false, t2.FailedWith),
            $"T2's write of x waited: {waited}; T2 {State(t2)}; final x={x}, y={y}");
    }

    // Hermitage G1a. T1 writes x and rolls back; T2 reads x before and after the rollback.
    private async Task<AnomalyOutcome> DirtyReadAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 101 WHERE id = 1", ct);
        var during = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.RollbackAsync(ct);
        var after = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.CommitAsync(ct);
        return Outcome(Anomaly.DirtyRead, level, new CellEvidence(during == 101 || after == 101, false, during == 10, t2.FailedWith),
            $"T2 read x={during} while T1's uncommitted x=101 existed, x={after} after T1 rolled back");
    }

    // Hermitage G1b. T1 writes x=101, then x=11, and commits; T2 reads x in between. 101 never existed committed.
    private async Task<AnomalyOutcome> IntermediateReadAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 101 WHERE id = 1", ct);
        var during = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        await t1.CommitAsync(ct);
        var after = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.CommitAsync(ct);
        return Outcome(Anomaly.IntermediateRead, level, new CellEvidence(during == 101 || after == 101, false, during == 10, t2.FailedWith),
            $"T2 read x={during} while T1's intermediate x=101 existed, x={after} after T1 committed x=11");
    }

    // Hermitage G1c. T1 writes x, T2 writes y; each then reads the row the other is writing. Seeing each other's
    // uncommitted write would make each transaction depend on the other.
    private async Task<AnomalyOutcome> CircularInformationFlowAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 22 WHERE id = 2", ct);
        var yByT1 = await t1.ScalarAsync("SELECT value FROM test WHERE id = 2", ct);
        var xByT2 = await t2.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.CommitAsync(ct);
        await t2.CommitAsync(ct);
        return Outcome(Anomaly.CircularInformationFlow, level, new CellEvidence(yByT1 == 22 || xByT2 == 11, false, yByT1 == 20 && xByT2 == 10, t2.FailedWith ?? t1.FailedWith),
            $"T1 read y={yByT1} while T2's y=22 was uncommitted; T2 read x={xByT2} while T1's x=11 was; T1 {State(t1)}, T2 {State(t2)}");
    }

    // Hermitage OTV. T1 writes x=11, y=19; T2 writes x=12 (waiting on T1's lock), then y=18; T3 reads x, y, y, x.
    // Once T3 has seen one of T2's writes, it must never again read a value that T2 replaced.
    private async Task<AnomalyOutcome> ObservedTransactionVanishesAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await using var t3 = await BeginAsync("T3", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        await t1.ExecuteAsync("UPDATE test SET value = 19 WHERE id = 2", ct);
        var t2WritesX = t2.ExecuteAsync("UPDATE test SET value = 12 WHERE id = 1", ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2WritesX, ct);
        await t1.CommitAsync(ct);
        var t2Alive = await t2WritesX is not null;
        var reads = new List<(string Row, long? Value)> { ("x", await t3.ScalarAsync("SELECT value FROM test WHERE id = 1", ct)) };
        if (t2Alive) t2Alive = await t2.ExecuteAsync("UPDATE test SET value = 18 WHERE id = 2", ct) is not null;
        reads.Add(("y", await t3.ScalarAsync("SELECT value FROM test WHERE id = 2", ct)));
        if (t2Alive) await t2.CommitAsync(ct);
        reads.Add(("y", await t3.ScalarAsync("SELECT value FROM test WHERE id = 2", ct)));
        reads.Add(("x", await t3.ScalarAsync("SELECT value FROM test WHERE id = 1", ct)));
        await t3.CommitAsync(ct);
        var sawT2 = false;
        var vanished = false;
        foreach (var (_, value) in reads)
        {
            if (value is 12 or 18) sawT2 = true;
            else if (sawT2 && value is 11 or 19) vanished = true;
        }
        return Outcome(Anomaly.ObservedTransactionVanishes, level, new CellEvidence(t2.Committed && vanished, waited, false, t2.FailedWith),
            $"T2's write of x waited: {waited}; T2 {State(t2)}; T3 read {string.Join(", ", reads.Select(r => $"{r.Row}={r.Value}"))}");
    }

    // T1 reads x twice; T2 changes x and commits in between.
    private async Task<AnomalyOutcome> NonRepeatableReadAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        var first = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 11 WHERE id = 1", ct);
        await t2.CommitAsync(ct);
        var second = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.NonRepeatableRead, level, new CellEvidence(first != second, false, t2.Committed && second == 10, t1.FailedWith),
            $"T1 read x={first}, then x={second} after T2 committed x=11");
    }

    // Hermitage PMP. T1 counts the rows matching a predicate twice; T2 inserts a matching row in between.
    private async Task<AnomalyOutcome> PhantomAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        var first = await t1.ScalarAsync("SELECT count(*) FROM test WHERE value % 10 = 0", ct);
        await t2.ExecuteAsync("INSERT INTO test VALUES (3, 30)", ct);
        await t2.CommitAsync(ct);
        var second = await t1.ScalarAsync("SELECT count(*) FROM test WHERE value % 10 = 0", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.Phantom, level, new CellEvidence(first != second, false, t2.Committed && second == first, t1.FailedWith),
            $"T1 counted {first} rows matching the predicate, then {second} after T2 inserted a matching row");
    }

    // Hermitage PMP for write predicates. T1 adds 10 to every row; T2 deletes the rows whose value is 20 and waits on
    // T1's lock. In either serial order exactly one row has value 20 when the delete runs; deleting none is the anomaly.
    private async Task<AnomalyOutcome> PhantomWritePredicateAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        await t1.ExecuteAsync("UPDATE test SET value = value + 10", ct);
        var t2Deletes = t2.ExecuteAsync("DELETE FROM test WHERE value = 20", ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2Deletes, ct);
        await t1.CommitAsync(ct);
        var deleted = await t2Deletes;
        if (deleted is not null) await t2.CommitAsync(ct);
        var left = await ReadAsync("SELECT count(*) FROM test WHERE value = 20", ct);
        return Outcome(Anomaly.PhantomWritePredicate, level, new CellEvidence(t1.Committed && t2.Committed && deleted == 0, waited, false, t2.FailedWith),
            $"T2's DELETE … WHERE value = 20 waited: {waited}; it deleted {deleted?.ToString(CultureInfo.InvariantCulture) ?? "nothing (40001)"} row(s); T2 {State(t2)}; rows with value 20 left: {left}");
    }

    // Hermitage P4. Two read-modify-write increments of one counter; the second write waits on the first's lock.
    private async Task<AnomalyOutcome> LostUpdateAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE counter (id int PRIMARY KEY, value int); INSERT INTO counter VALUES (1, 10);", ct);
        await using var monitor = new LockWaitMonitor(connectionString);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        var (evidence, detail) = await PlayLostUpdateAsync(t1, t2, monitor, ct);
        return Outcome(Anomaly.LostUpdate, level, evidence, detail);
    }

    /// <summary>Both sessions read the counter (10), T1 writes read + 1, T2 writes its own read + 1 (waiting on T1's row lock,
    /// which the monitor must confirm), T1 commits, T2 commits if it can. Observed when both committed and the counter is 11.</summary>
    internal async Task<(CellEvidence Evidence, string Detail)> PlayLostUpdateAsync(TxSession t1, TxSession t2, LockWaitMonitor monitor, CancellationToken ct)
    {
        #region Exercise 1.1.3-1b: interleave two read-modify-write increments so that one of them is lost (tests: AnomalyMatrixTests.LostUpdate*)
        var read1 = await t1.ScalarAsync("SELECT value FROM counter WHERE id = 1", ct);
        var read2 = await t2.ScalarAsync("SELECT value FROM counter WHERE id = 1", ct);
        await t1.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE counter SET value = {read1 + 1} WHERE id = 1"), ct);
        // T2 writes the value it computed from its own (now stale) read: it must wait for T1's row lock.
        var t2Writes = t2.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE counter SET value = {read2 + 1} WHERE id = 1"), ct);
        var waited = await monitor.IsBlockedAsync(t2.BackendPid, t2Writes, ct);
        await t1.CommitAsync(ct);
        if (await t2Writes is not null) await t2.CommitAsync(ct);
        var final = await ReadAsync("SELECT value FROM counter WHERE id = 1", ct);
        // Two committed increments of 10 must give 12; 11 means one was lost.
        var lost = t1.Committed && t2.Committed && final == 11;
        return (new CellEvidence(lost, waited, false, t2.FailedWith),
            $"both read {read1}; T2's write waited: {waited}; T2 {State(t2)}; final value {final} after {(t2.Committed ? 2 : 1)} committed increment(s)");
        #endregion
    }

    // Hermitage G-single. x + y = 30 is the invariant; T2 moves 5 from x to y while T1 reads x, then y.
    private async Task<AnomalyOutcome> ReadSkewAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        var x = await t1.ScalarAsync("SELECT value FROM test WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 5 WHERE id = 1", ct);
        await t2.ExecuteAsync("UPDATE test SET value = 25 WHERE id = 2", ct);
        await t2.CommitAsync(ct);
        var y = await t1.ScalarAsync("SELECT value FROM test WHERE id = 2", ct);
        await t1.CommitAsync(ct);
        return Outcome(Anomaly.ReadSkew, level, new CellEvidence(x + y != 30, false, t2.Committed && y == 20, t1.FailedWith),
            $"T1 read x={x} before and y={y} after T2's transfer: x + y = {x + y} (the invariant is 30)");
    }

    // Hermitage G2-item, as the on-call doctors: at least one doctor must stay on call.
    private async Task<AnomalyOutcome> WriteSkewAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL); INSERT INTO doctors VALUES ('alice', true), ('bob', true);", ct);
        await using var alice = await BeginAsync("alice", level, ct);
        await using var bob = await BeginAsync("bob", level, ct);
        var (evidence, detail) = await PlayWriteSkewAsync(alice, bob, ct);
        return Outcome(Anomaly.WriteSkew, level, evidence, detail);
    }

    /// <summary>Each doctor counts who is on call and, seeing two, goes off call; both then commit. Observed when both
    /// committed and nobody is on call.</summary>
    internal async Task<(CellEvidence Evidence, string Detail)> PlayWriteSkewAsync(TxSession alice, TxSession bob, CancellationToken ct)
    {
        #region Exercise 1.1.3-1c: let both doctors check the invariant and go off call concurrently (tests: AnomalyMatrixTests.WriteSkew*)
        var seenByAlice = await alice.ScalarAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        var seenByBob = await bob.ScalarAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        if (seenByAlice >= 2) await alice.ExecuteAsync("UPDATE doctors SET on_call = false WHERE name = 'alice'", ct);
        if (seenByBob >= 2 && bob.FailedWith is null) await bob.ExecuteAsync("UPDATE doctors SET on_call = false WHERE name = 'bob'", ct);
        await alice.CommitAsync(ct);
        await bob.CommitAsync(ct);
        var onCall = await ReadAsync("SELECT count(*) FROM doctors WHERE on_call", ct);
        return (new CellEvidence(alice.Committed && bob.Committed && onCall == 0, false, false, alice.FailedWith ?? bob.FailedWith),
            $"each saw {seenByAlice}/{seenByBob} on call; alice {State(alice)}, bob {State(bob)}; {onCall} doctor(s) on call at the end");
        #endregion
    }

    // Hermitage G2 (anti-dependency cycles) with predicates: both read "value % 3 = 0" as empty, then each inserts a
    // row the other's predicate matches. In a serial order the second would have seen the first one's row.
    private async Task<AnomalyOutcome> PredicateWriteSkewAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetTestTableAsync(ct);
        await using var t1 = await BeginAsync("T1", level, ct);
        await using var t2 = await BeginAsync("T2", level, ct);
        var seenByT1 = await t1.ScalarAsync("SELECT count(*) FROM test WHERE value % 3 = 0", ct);
        var seenByT2 = await t2.ScalarAsync("SELECT count(*) FROM test WHERE value % 3 = 0", ct);
        await t1.ExecuteAsync("INSERT INTO test VALUES (3, 30)", ct);
        if (t2.FailedWith is null) await t2.ExecuteAsync("INSERT INTO test VALUES (4, 42)", ct);
        await t1.CommitAsync(ct);
        await t2.CommitAsync(ct);
        var matching = await ReadAsync("SELECT count(*) FROM test WHERE value % 3 = 0", ct);
        return Outcome(Anomaly.PredicateWriteSkew, level,
            new CellEvidence(t1.Committed && t2.Committed && seenByT1 == 0 && seenByT2 == 0, false, false, t2.FailedWith ?? t1.FailedWith),
            $"both read {seenByT1}/{seenByT2} rows with value % 3 = 0; T1 {State(t1)}, T2 {State(t2)}; {matching} matching row(s) at the end");
    }

    // Fekete, O'Neil and O'Neil, "A read-only transaction anomaly under snapshot isolation" (2004):
    // T2 withdraws 10 from checking and charges a fee of 1 if checking + savings would go negative;
    // T1 deposits 20 into savings; the read-only T3 reports both balances after T1 and before T2.
    private async Task<AnomalyOutcome> ReadOnlyAnomalyAsync(IsolationLevel level, CancellationToken ct)
    {
        await ResetAsync("CREATE TABLE account (name text PRIMARY KEY, balance int NOT NULL); INSERT INTO account VALUES ('checking', 0), ('savings', 0);", ct);
        await using var withdraw = await BeginAsync("withdraw", level, ct);
        await using var deposit = await BeginAsync("deposit", level, ct);
        var (evidence, detail) = await PlayReadOnlyAnomalyAsync(withdraw, deposit, () => BeginAsync("report", level, ct), ct);
        return Outcome(Anomaly.ReadOnlyAnomaly, level, evidence, detail);
    }

    /// <summary>The withdrawal reads the total; the deposit adds 20 to savings and commits; a report, begun only now, reads
    /// checking then savings and commits; the withdrawal then takes 10 (11 with the fee it computed from its old total)
    /// and commits. Observed when all three committed, the report saw (0, 20) and checking ends at -11.</summary>
    internal async Task<(CellEvidence Evidence, string Detail)> PlayReadOnlyAnomalyAsync(TxSession withdraw, TxSession deposit,
        Func<Task<TxSession>> beginReport, CancellationToken ct)
    {
        #region Exercise 1.1.3-1d: interleave deposit, report and withdrawal so the read-only report sees an impossible state (tests: AnomalyMatrixTests.ReadOnlyAnomaly)
        var total = await withdraw.ScalarAsync("SELECT sum(balance) FROM account", ct);
        await deposit.ExecuteAsync("UPDATE account SET balance = balance + 20 WHERE name = 'savings'", ct);
        await deposit.CommitAsync(ct);
        await using var report = await beginReport();
        var reportChecking = await report.ScalarAsync("SELECT balance FROM account WHERE name = 'checking'", ct);
        var reportSavings = report.FailedWith is null ? await report.ScalarAsync("SELECT balance FROM account WHERE name = 'savings'", ct) : null;
        await report.CommitAsync(ct);
        if (total is not null)
        {
            var fee = total - 10 < 0 ? 1 : 0;
            await withdraw.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE account SET balance = balance - {10 + fee} WHERE name = 'checking'"), ct);
        }
        await withdraw.CommitAsync(ct);
        var checking = await ReadAsync("SELECT balance FROM account WHERE name = 'checking'", ct);
        // The report saw the deposit but not the withdrawal, so a serial order must run the deposit before the
        // withdrawal; but then the withdrawal would have seen 20 in savings and charged no fee (-10, not -11).
        var anomaly = deposit.Committed && withdraw.Committed && report.Committed && reportSavings == 20 && reportChecking == 0 && checking == -11;
        return (new CellEvidence(anomaly, false, false, withdraw.FailedWith ?? report.FailedWith ?? deposit.FailedWith),
            $"report saw checking={reportChecking}, savings={reportSavings}; withdraw {State(withdraw)}, report {State(report)}; final checking={checking}");
        #endregion
    }

    /// <summary>Begins a session at <paramref name="level"/> — or, with the planted <see cref="IsolationBug.LevelIgnored"/>, at READ COMMITTED.</summary>
    private Task<TxSession> BeginAsync(string name, IsolationLevel level, CancellationToken ct) =>
        TxSession.BeginAsync(connectionString, name, bug == IsolationBug.LevelIgnored ? IsolationLevel.ReadCommitted : level, ct);

    private static string State(TxSession s) => s.Committed ? "committed" : $"failed ({s.FailedWith})";

    private static AnomalyOutcome Outcome(Anomaly anomaly, IsolationLevel level, CellEvidence evidence, string detail) =>
        new(anomaly, level, evidence.Observed, Classify(evidence),
            evidence.SqlState == PostgresErrorCodes.SerializationFailure ? evidence.SqlState : null, detail);

    private Task ResetTestTableAsync(CancellationToken ct) =>
        ResetAsync("CREATE TABLE test (id int PRIMARY KEY, value int); INSERT INTO test VALUES (1, 10), (2, 20);", ct);

    private async Task ResetAsync(string schema, CancellationToken ct) =>
        await Sql.ExecuteAsync(connectionString, ct, "DROP TABLE IF EXISTS test, counter, doctors, account; " + schema);

    private Task<long> ReadAsync(string sql, CancellationToken ct) => Sql.ScalarAsync<long>(connectionString, sql, ct);
}
