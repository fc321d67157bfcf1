namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>The names of the 4.1-2 figures, shared by the experiment and CAP.md, which cites them.</summary>
public static class AcidBaseFigureNames
{
    public const string PostgresLost = "acknowledged writes lost at failover, PostgreSQL sync";
    public const string PostgresPartitionAcked = "writes acknowledged during the partition, PostgreSQL sync";
    public const string PostgresStale = "stale replica reads, PostgreSQL sync";
    public const string PostgresLatency = "write latency p50, PostgreSQL sync";
    public const string RedisLost = "acknowledged writes lost at failover, Redis async";
    public const string RedisPartitionAcked = "writes acknowledged during the partition, Redis async";
    public const string RedisStale = "stale replica reads, Redis async";
    public const string RedisConvergence = "replica convergence p50, Redis async";
    public const string RedisLatency = "write latency p50, Redis async";
    public const string RedisWaitLost = "acknowledged writes lost at failover, Redis + WAIT";
    public const string WaitCost = "write latency ratio Redis WAIT / Redis async";
    public const string SyncCost = "write latency ratio PostgreSQL sync / Redis async";
    public const string LeaderlessStaleR1W1 = "stale reads at 0 ms, N=3 R=1 W=1";
    public const string LeaderlessStaleR2W2 = "stale reads at 0 ms, N=3 R=2 W=2";
    public const string LeaderlessConverged = "delay until N=3 R=1 W=1 reads are never stale";
    public const string SloppyAvailable = "writes accepted with 2 of 3 replicas down, sloppy quorum";
    public const string StrictAvailable = "writes accepted with 2 of 3 replicas down, strict quorum";
    public const string SloppyStale = "stale reads after recovery, sloppy quorum R=2 W=2";
    public const string SloppyStaleAfterHandoff = "stale reads after hinted handoff, sloppy quorum R=2 W=2";
    public const string LinkDelay = "replication link one-way delay";
    public const string ConcurrentLostLww = "acknowledged writes lost to a concurrent writer, last-writer-wins";
    public const string ConcurrentLostVectorClocks = "acknowledged writes lost to a concurrent writer, vector clocks";
    public const string ConcurrentSiblings = "final reads returning siblings, vector clocks";
    public const string SkewLostLww = "later writes lost to a 50 ms clock skew, last-writer-wins";
    public const string SkewLostVectorClocks = "later writes lost to a 50 ms clock skew, vector clocks";
}
