namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>A planted mistake of the consistent-hash ring (tests and the experiment's bug run only).</summary>
public enum RingBug
{
    None,

    /// <summary>A virtual node's position is hashed from its name and the current node count, so adding a node moves
    /// every virtual node — and nearly every key, as hash mod N does.</summary>
    PositionsDependOnNodeCount,
}
