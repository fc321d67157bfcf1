namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>
/// How a <c>dbt snapshot</c> run is made: <see cref="Now"/> is the run's timestamp (dbt-postgres's
/// <c>snapshot_get_time()</c>, <c>now()::timestamp</c>; null reads it from the server), <see cref="Select"/> names one
/// snapshot (null: all), <see cref="Bug"/> plants a mistake (tests only).
/// </summary>
public sealed record SnapshotRunOptions
{
    public DateTime? Now { get; init; }
    public string? Select { get; init; }
    public SnapshotBug Bug { get; init; }
}
