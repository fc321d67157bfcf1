namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Deliberate mistakes the failover coordinator can be run with, so that the scenario's RPO check can be seen to
/// catch them. <see cref="None"/> is the coordinator as it should be.
/// </summary>
public enum FailoverBug
{
    None,

    /// <summary>Promotes the replica that has received the least WAL instead of the most: the commits only the
    /// other replica had (in synchronous mode, every commit the synchronous standby confirmed alone) are lost.</summary>
    PromoteLeastAdvanced,
}
