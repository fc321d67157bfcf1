using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>What one store did under the shared workload.</summary>
/// <param name="StaleReplicaReads">Healthy phase: reads of the replica, right after the write was acknowledged, that missed it.</param>
/// <param name="ReplicaVisibleAfter">For those: how long after the acknowledgement the replica showed the write.</param>
/// <param name="PartitionAcked">Writes acknowledged while the replication link was cut (availability under partition).</param>
/// <param name="AckedLost">Acknowledged writes (both phases) missing from the promoted replica.</param>
/// <param name="UnacknowledgedApplied">Writes not acknowledged that the promoted replica has anyway.</param>
public sealed record ReplicationOutcome(string Store, int HealthyWrites, int HealthyAcked, int StaleReplicaReads, LatencySummary WriteLatency,
    LatencySummary ReplicaVisibleAfter, int PartitionAttempts, int PartitionAcked, int AckedLost, int UnacknowledgedApplied, TimeSpan FailoverTime)
{
    public double StaleFraction => HealthyAcked == 0 ? 0 : (double)StaleReplicaReads / HealthyAcked;
    public double PartitionAvailability => PartitionAttempts == 0 ? 0 : (double)PartitionAcked / PartitionAttempts;
}
