namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// One transaction of the PITR workload as its client saw it: the ledger id it inserted, its xid, its
/// commit timestamp (track_commit_timestamp) and the WAL insert position right after its COMMIT.
/// </summary>
public sealed record CommittedTransaction(int Id, long Xid, DateTimeOffset CommitTime, string LsnAfterCommit);
