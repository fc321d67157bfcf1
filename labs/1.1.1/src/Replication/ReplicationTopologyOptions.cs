namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>A primary and two hot standbys on loopback. With a synchronous mode the first replica is the
/// synchronous standby (<c>synchronous_standby_names = 'FIRST 1 (replica1)'</c>) and the second stays asynchronous.</summary>
public sealed record ReplicationTopologyOptions
{
    public ReplicationMode Mode { get; init; } = ReplicationMode.Synchronous;
    public string PrimaryName { get; init; } = "primary";
    public IReadOnlyList<string> ReplicaNames { get; init; } = ["replica1", "replica2"];

    /// <summary>How often a standby retries its connection to the primary (default 5 s is most of an RTO).</summary>
    public TimeSpan WalRetrieveRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
