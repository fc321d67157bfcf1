using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>A cluster restored from the base backup and replayed to a target, open for queries; removed on dispose
/// (or only stopped, when it lives in a host folder the caller reuses).</summary>
public sealed class RestoredCluster(PostgresCluster cluster, RecoveryTarget target, TimeSpan duration, int segmentsRestored, WalArchiveReport? verified,
    bool ownsCluster) : IAsyncDisposable
{
    public PostgresCluster Cluster { get; } = cluster;
    public RecoveryTarget Target { get; } = target;

    /// <summary>From starting the server on the copied backup to it accepting writes (target reached, promoted).</summary>
    public TimeSpan Duration { get; } = duration;

    /// <summary>WAL segments the server fetched with restore_command (from its log).</summary>
    public int SegmentsRestored { get; } = segmentsRestored;

    /// <summary>The archive check that ran before the restore (null if it was skipped).</summary>
    public WalArchiveReport? Verified { get; } = verified;

    /// <summary>The ledger ids the restored cluster holds, in order, or null if the table does not exist there.</summary>
    public async Task<IReadOnlyList<int>?> LedgerIdsAsync(CancellationToken cancellationToken = default)
    {
        var connection = Sql.Unpooled(Cluster.ConnectionString, "pitr-check");
        if (!await Sql.ScalarAsync<bool>(connection, $"SELECT to_regclass({Sql.QuoteLiteral(PitrSession.Table)}) IS NOT NULL", cancellationToken)) return null;
        return await Sql.ScalarAsync<int[]>(connection, $"SELECT coalesce(array_agg(id ORDER BY id), '{{}}') FROM {PitrSession.Table}", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsCluster) await Cluster.DisposeAsync();
        else await Cluster.StopAsync(PostgresStopMode.Immediate);
    }
}
