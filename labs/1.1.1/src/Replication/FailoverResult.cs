namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// What a failover did and how long its steps took, measured from the SIGKILL of the primary: detection
/// (health probes failed), promotion (pg_promote returned and the topology names the new primary: writers turn to it),
/// re-pointing (slots and synchronous standby names on the new primary, the other standbys follow it).
/// <paramref name="ReceivedLsns"/> is each replica's pg_last_wal_receive_lsn() when the winner was chosen.
/// </summary>
public sealed record FailoverResult(
    string OldPrimary,
    string NewPrimary,
    IReadOnlyDictionary<string, string> ReceivedLsns,
    TimeSpan Detection,
    TimeSpan Promotion,
    TimeSpan Repointing,
    long KilledAtTimestamp);
