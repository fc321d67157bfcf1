namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>What the partition and the failover measured.</summary>
internal sealed record PartitionPhase(int Attempts, int Acked, int AckedLost, int UnacknowledgedApplied, TimeSpan FailoverTime);
