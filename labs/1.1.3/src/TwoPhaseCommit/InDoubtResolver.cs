using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The recovery a restarted coordinator runs: it asks every participant for the prepared transactions of this
/// coordinator (pg_prepared_xacts, GIDs <c>sm2pc:&lt;coordinator&gt;:…</c>) and resolves each from the decision log:
/// commit if the log holds a commit record, otherwise roll back (presumed abort: without a forced commit record no
/// participant can have been told to commit). It never touches another coordinator's transactions, nor one that a
/// coordinator of this process is still deciding; and <see cref="RecoverFromLogAsync"/> cannot open the log of a
/// coordinator process that is still alive.
/// </summary>
/// <param name="participants">One connection pool per participant database.</param>
/// <param name="log">The coordinator's decision log.</param>
/// <param name="bug">A planted recovery mistake, for the tests that show the checks catch it.</param>
public sealed class InDoubtResolver(IReadOnlyList<NpgsqlDataSource> participants, DecisionLog log, TwoPhaseCommitBug bug = TwoPhaseCommitBug.None)
{
    private long _firstSentAt;

    /// <summary>Recovery as the restarted coordinator: takes the log (throws <see cref="DecisionLogHeldException"/> while its
    /// coordinator lives — then nothing is in doubt) and resolves what is in doubt.</summary>
    public static async Task<RecoveryReport> RecoverFromLogAsync(string logPath, IReadOnlyList<NpgsqlDataSource> participants,
        TwoPhaseCommitBug bug = TwoPhaseCommitBug.None, CancellationToken cancellationToken = default)
    {
        // Planted bug ResolverIgnoresLiveCoordinator: read the log without taking it from a coordinator that may be alive.
        using var log = bug == TwoPhaseCommitBug.ResolverIgnoresLiveCoordinator ? DecisionLog.OpenWithoutOwnership(logPath) : DecisionLog.Open(logPath);
        return await new InDoubtResolver(participants, log, bug).RecoverAsync(cancellationToken);
    }

    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        int committed = 0, rolledBack = 0, already = 0, live = 0;
        var unreachable = new List<int>();
        for (var p = 0; p < participants.Count; p++)
        {
            try
            {
                await using var conn = await participants[p].OpenConnectionAsync(cancellationToken);
                var r = await ResolveParticipantAsync(conn, cancellationToken);
                (committed, rolledBack, already, live) = (committed + r.Committed, rolledBack + r.RolledBack, already + r.AlreadyResolved, live + r.SkippedLive);
            }
            catch (Exception e) when (TwoPhaseCoordinator.ClassifyFailure(e) == PhaseTwoAnswer.Unreachable)
            {
                unreachable.Add(p);
            }
        }
        // Only when every participant answered do we know the committed transfers are finished everywhere.
        var ended = 0;
        if (unreachable.Count == 0)
            foreach (var id in log.CommittedNotEnded.Where(id => !log.IsInFlight(id)))
            {
                log.Append(Decision.End, id, []);
                ended++;
            }
        return new RecoveryReport(committed, rolledBack, unreachable, ended, already, live, _firstSentAt);
    }

    /// <summary>
    /// Resolves this coordinator's prepared transactions on one participant, oldest first: skip those a coordinator of this
    /// process is still deciding (<see cref="DecisionLog.IsInFlight"/>); commit those whose <see cref="DecisionOf"/> is
    /// commit, roll back the others (presumed abort), each through <see cref="SendAsync"/>; count what was done and what
    /// another resolver had already done.
    /// </summary>
    internal async Task<ParticipantRecovery> ResolveParticipantAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        #region Exercise 1.1.3-2e: resolve this coordinator's in-doubt transactions from the decision log, leaving live ones alone (tests: InDoubtResolverTests, TwoPhaseCommitTests)
        var prefix = TwoPhaseCoordinator.GidPrefixOf(log.CoordinatorId);
        var inDoubt = await Sql.ScalarAsync<string[]>(conn,
            "SELECT coalesce(array_agg(gid ORDER BY prepared), '{}') FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, $1)", ct, prefix);
        int committed = 0, rolledBack = 0, already = 0, live = 0;
        foreach (var gid in inDoubt)
        {
            var transferId = gid[prefix.Length..];
            if (log.IsInFlight(transferId))
            {
                live++;
                continue;
            }
            var commit = DecisionOf(transferId) == Decision.Commit;
            if (await SendAsync(conn, gid, commit, ct) == PhaseTwoAnswer.NoSuchPreparedTransaction) already++;
            else if (commit) committed++;
            else rolledBack++;
        }
        return new ParticipantRecovery(committed, rolledBack, already, live);
        #endregion
    }

    /// <summary>The decision recovery must apply: the log's (null: no record, which means abort).</summary>
    private Decision? DecisionOf(string transferId) =>
        // Planted bug ResolverRollsBackCommitted: the commit records are not looked at.
        bug == TwoPhaseCommitBug.ResolverRollsBackCommitted ? null : log.DecisionFor(transferId);

    /// <summary>COMMIT PREPARED or ROLLBACK PREPARED; "no such prepared transaction" means someone resolved it meanwhile.</summary>
    private async Task<PhaseTwoAnswer> SendAsync(NpgsqlConnection conn, string gid, bool commit, CancellationToken ct)
    {
        if (_firstSentAt == 0) _firstSentAt = Stopwatch.GetTimestamp();
        try
        {
            await Sql.ExecuteAsync(conn, ct, TwoPhaseCoordinator.Statement(commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED", gid));
            return PhaseTwoAnswer.Done;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            return PhaseTwoAnswer.NoSuchPreparedTransaction;
        }
    }
}
