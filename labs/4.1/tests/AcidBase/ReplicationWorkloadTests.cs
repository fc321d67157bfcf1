using StatelessMind.Labs.DatabaseTheory.AcidBase;

namespace StatelessMind.Labs.DatabaseTheory.Tests.AcidBase;

/// <summary>Tasks 4.1-2d and 4.1-2e on an in-memory primary and replica whose behaviour is known exactly: the workload counts
/// stale reads, acknowledgements during the partition and losses at failover as they happened.</summary>
public sealed class ReplicationWorkloadTests
{
    private static readonly ReplicationWorkloadOptions Options = new() { HealthyWrites = 20, PartitionDuration = TimeSpan.FromMilliseconds(100), PartitionWritePace = TimeSpan.FromMilliseconds(5) };

    [Fact]
    [Goal("4.1-2")]
    public async Task A_synchronous_store_shows_no_stale_read_refuses_writes_under_partition_and_loses_nothing()
    {
        await using var store = new InMemoryReplicatedStore(synchronous: true);
        var o = await ReplicationWorkload.RunAsync(store, Options);
        Assert.Equal((20, 0, 0), (o.HealthyAcked, o.StaleReplicaReads, o.ReplicaVisibleAfter.Count));
        Assert.True(o.PartitionAttempts > 0);
        Assert.Equal(0, o.PartitionAcked);
        Assert.Equal(0, o.AckedLost);
        Assert.Equal(0, o.UnacknowledgedApplied);
    }

    [Fact]
    [Goal("4.1-2")]
    public async Task An_asynchronous_store_shows_every_first_read_stale_and_loses_every_write_acknowledged_under_partition()
    {
        await using var store = new InMemoryReplicatedStore(synchronous: false);
        var o = await ReplicationWorkload.RunAsync(store, Options);
        Assert.Equal((20, 20, 20), (o.HealthyAcked, o.StaleReplicaReads, o.ReplicaVisibleAfter.Count)); // each converged on the second read
        Assert.True(o.PartitionAttempts > 0);
        Assert.Equal(o.PartitionAttempts, o.PartitionAcked);
        Assert.Equal(o.PartitionAcked, o.AckedLost);
    }
}
