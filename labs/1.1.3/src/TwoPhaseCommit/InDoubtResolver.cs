using Npgsql;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The recovery process a restarted coordinator runs: it asks every participant for its prepared
/// transactions (pg_prepared_xacts) and resolves each from the decision log: commit if the log holds a
/// commit record, otherwise roll back (presumed abort: without a forced commit record no participant
/// can have been told to commit).
/// </summary>
public sealed class InDoubtResolver(IReadOnlyList<NpgsqlDataSource> participants, DecisionLog log)
{
    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        int committed = 0, rolledBack = 0;
        var unreachable = new List<int>();
        for (var p = 0; p < participants.Count; p++)
        {
            try
            {
                await using var conn = await participants[p].OpenConnectionAsync(cancellationToken);
                #region Exercise 1.1.3-2: resolve every in-doubt transaction of a participant from the decision log
                var inDoubt = new List<string>();
                await using (var list = new NpgsqlCommand(
                                 "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, @prefix) ORDER BY prepared", conn))
                {
                    list.Parameters.AddWithValue("prefix", TwoPhaseCoordinator.GidPrefix);
                    await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken)) inDoubt.Add(reader.GetString(0));
                }
                foreach (var gid in inDoubt)
                {
                    var transferId = gid[TwoPhaseCoordinator.GidPrefix.Length..];
                    var commit = log.DecisionFor(transferId) == Decision.Commit;
                    await using var resolve = new NpgsqlCommand(TwoPhaseCoordinator.Statement(commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED", gid), conn);
                    await resolve.ExecuteNonQueryAsync(cancellationToken);
                    if (commit) committed++;
                    else rolledBack++;
                }
                #endregion
            }
            catch (NpgsqlException)
            {
                unreachable.Add(p);
            }
        }
        // Only when every participant answered do we know the committed transfers are finished everywhere.
        var ended = 0;
        if (unreachable.Count == 0)
            foreach (var id in log.CommittedNotEnded)
            {
                log.Append(Decision.End, id, []);
                ended++;
            }
        return new RecoveryReport(committed, rolledBack, unreachable, ended);
    }
}
