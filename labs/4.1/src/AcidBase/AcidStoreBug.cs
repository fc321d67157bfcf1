namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>A deliberate mistake the ACID store can be started with, so that the workload's checks can be seen to catch it.</summary>
public enum AcidStoreBug
{
    None,

    /// <summary>The primary acknowledges a commit once it is durable locally (synchronous_commit = local), without waiting
    /// for the standby it names: writes go on during a partition, and are lost at failover.</summary>
    AcknowledgeBeforeStandby,
}
