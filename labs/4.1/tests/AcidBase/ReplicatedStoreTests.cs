using StatelessMind.Labs.DatabaseTheory.AcidBase;

namespace StatelessMind.Labs.DatabaseTheory.Tests.AcidBase;

/// <summary>
/// The shared workload on real PostgreSQL and real Redis, each primary and replica joined by the same
/// 5 ms replication link: the ACID store loses no acknowledged write and refuses writes it cannot
/// replicate; the BASE store acknowledges them and loses them at failover, unless WAIT confirms each one.
/// </summary>
public sealed class ReplicatedStoreTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LinkDelay = TimeSpan.FromMilliseconds(5);
    private static readonly ReplicationWorkloadOptions Workload = new() { HealthyWrites = 60, PartitionDuration = TimeSpan.FromSeconds(0.6) };

    private void Print(ReplicationOutcome o) => output.WriteLine(
        $"{o.Store}: {o.HealthyAcked}/{o.HealthyWrites} healthy writes acked, write p50 {o.WriteLatency.P50Ms:0.0} ms; stale replica reads {o.StaleReplicaReads} " +
        $"(visible after p50 {o.ReplicaVisibleAfter.P50Ms:0.0} ms); partition: {o.PartitionAcked}/{o.PartitionAttempts} acked; acknowledged writes lost at failover: {o.AckedLost}; " +
        $"unacknowledged but kept: {o.UnacknowledgedApplied}");

    [Fact]
    [Goal("4.1-2")]
    public async Task PostgreSQL_with_a_synchronous_standby_loses_no_acknowledged_write_and_refuses_writes_under_partition()
    {
        await using var store = await PostgresSyncStore.StartAsync(LinkDelay);
        var o = await ReplicationWorkload.RunAsync(store, Workload);
        Print(o);
        Assert.Equal(Workload.HealthyWrites, o.HealthyAcked);
        Assert.Equal(0, o.StaleReplicaReads);
        Assert.Equal(0, o.PartitionAcked);
        Assert.Equal(0, o.AckedLost);
        Assert.True(o.WriteLatency.P50Ms >= 2 * LinkDelay.TotalMilliseconds, "a remote_apply commit waits at least one round trip of the link");
    }

    [Fact]
    [Goal("4.1-2")]
    public async Task A_planted_PostgreSQL_primary_that_acknowledges_before_its_standby_is_caught_losing_acknowledged_writes()
    {
        await using var store = await PostgresSyncStore.StartAsync(LinkDelay, bug: AcidStoreBug.AcknowledgeBeforeStandby);
        var o = await ReplicationWorkload.RunAsync(store, Workload);
        Print(o);
        Assert.True(o.PartitionAcked > 0, "acknowledging without the standby keeps the primary writable under partition");
        Assert.Equal(o.PartitionAcked, o.AckedLost); // and the same checks that pass for the synchronous store catch the loss
    }

    [Fact]
    [Goal("4.1-2")]
    public async Task Redis_with_an_asynchronous_replica_serves_stale_reads_and_loses_acknowledged_writes_at_failover()
    {
        await using var store = await RedisAsyncStore.StartAsync(LinkDelay, useWait: false);
        var o = await ReplicationWorkload.RunAsync(store, Workload);
        Print(o);
        Assert.True(o.StaleReplicaReads > 0, "reads right after an acknowledged write should miss it on the replica");
        Assert.True(o.ReplicaVisibleAfter.Count > 0 && o.ReplicaVisibleAfter.P50Ms >= LinkDelay.TotalMilliseconds * 0.5, "the replica converges, after about the link delay");
        Assert.True(o.PartitionAcked > 0, "the primary keeps acknowledging writes while cut off from its replica");
        Assert.Equal(o.PartitionAcked, o.AckedLost); // every write acknowledged during the partition is gone after failover
    }

    [Fact]
    [Goal("4.1-2")]
    public async Task Redis_with_WAIT_loses_no_confirmed_write_but_confirms_none_under_partition()
    {
        await using var store = await RedisAsyncStore.StartAsync(LinkDelay, useWait: true);
        var o = await ReplicationWorkload.RunAsync(store, Workload);
        Print(o);
        Assert.Equal(0, o.StaleReplicaReads);
        Assert.Equal(0, o.PartitionAcked);
        Assert.Equal(0, o.AckedLost);
    }
}
