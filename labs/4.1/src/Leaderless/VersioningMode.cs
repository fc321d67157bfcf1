namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>How replicas decide which of two versions of a key to keep.</summary>
public enum VersioningMode
{
    /// <summary>Keep the one with the later timestamp (Cassandra): concurrent writes and skewed clocks lose writes silently.</summary>
    LastWriterWins,

    /// <summary>Keep every version no other version descends from (Dynamo, Riak): concurrent writes become siblings that a
    /// reader sees and merges.</summary>
    VectorClocks,
}
