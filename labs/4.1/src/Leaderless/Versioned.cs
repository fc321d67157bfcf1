namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>A value with what orders it against other versions: the write's timestamp (virtual µs on the coordinator's own,
/// possibly skewed, clock) and the coordinator's id — last writer wins, as in Cassandra, ties to the higher id — and its
/// vector clock, for stores that keep concurrent versions as siblings.</summary>
public sealed record Versioned(string Value, long Timestamp, int Coordinator, VectorClock Clock)
{
    /// <summary>Last-writer-wins order: the later timestamp, then the higher coordinator id.</summary>
    public bool IsNewerThan(Versioned? other) =>
        other is null || Timestamp > other.Timestamp || (Timestamp == other.Timestamp && Coordinator > other.Coordinator);
}
