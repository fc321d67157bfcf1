namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>Deliberate mistakes the leaderless store can be run with, so that its tests can be seen to catch them.
/// <see cref="None"/> is the store as it must be.</summary>
public enum LeaderlessBug
{
    None,

    /// <summary>A read answers with the first reply instead of the newest of R: the read quorum no longer meets every write quorum.</summary>
    ReadAnswersFirstReply,

    /// <summary>A read never writes the newest version back to the replicas it found stale.</summary>
    SkipReadRepair,

    /// <summary>Vector clocks are ordered by the sum of their entries, so concurrent versions look ordered and one is dropped.</summary>
    ConcurrentVersionsOrderedBySum,
}
