namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// What a failover did and how long each step took, measured from the SIGKILL of the primary:
/// detection (health probes failed), promotion (pg_promote returned), re-pointing (the other replica
/// follows the new primary), and the RTO — the first acknowledged write on the new primary.
/// <paramref name="ReceivedLsns"/> is each replica's pg_last_wal_receive_lsn() when the winner was chosen.
/// </summary>
public sealed record FailoverResult(
    string OldPrimary,
    string NewPrimary,
    IReadOnlyDictionary<string, string> ReceivedLsns,
    TimeSpan Detection,
    TimeSpan Promotion,
    TimeSpan Repointing,
    TimeSpan Rto,
    long KilledAtTimestamp);
