namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// One reading of one standby, from both ends. From the primary's pg_stat_replication: state, sync
/// state, the sent/write/flush/replay LSNs, lag in bytes behind pg_current_wal_lsn(), and the
/// write/flush/replay lag times. From the standby's pg_stat_wal_receiver and recovery functions: the
/// receiver's status, the LSN it has flushed, and the LSN it has replayed.
/// </summary>
public sealed record ReplicationSample(
    double Seconds,
    string Standby,
    string? State,
    string? SyncState,
    string? SentLsn,
    string? WriteLsn,
    string? FlushLsn,
    string? ReplayLsn,
    long? SendLagBytes,
    long? FlushLagBytes,
    long? ReplayLagBytes,
    double? WriteLagMs,
    double? FlushLagMs,
    double? ReplayLagMs,
    string? ReceiverStatus,
    string? ReceiverFlushedLsn,
    string? StandbyReplayedLsn);
