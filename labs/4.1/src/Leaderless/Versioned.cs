namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>A value with its write timestamp (virtual µs at the coordinator) and the coordinator's id:
/// last writer wins, as in Cassandra; ties go to the higher coordinator id.</summary>
public sealed record Versioned(string Value, long Timestamp, int Coordinator)
{
    public bool IsNewerThan(Versioned? other) =>
        other is null || Timestamp > other.Timestamp || (Timestamp == other.Timestamp && Coordinator > other.Coordinator);
}
