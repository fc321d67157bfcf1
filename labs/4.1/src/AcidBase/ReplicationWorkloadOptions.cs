namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>The shared workload's sizes: healthy writes first, then a partition of the replication link with
/// writes attempted at a steady pace, then a failover to the replica.</summary>
public sealed record ReplicationWorkloadOptions
{
    public int HealthyWrites { get; init; } = 200;
    public TimeSpan PartitionDuration { get; init; } = TimeSpan.FromSeconds(1.5);
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan PartitionWritePace { get; init; } = TimeSpan.FromMilliseconds(10);
}
