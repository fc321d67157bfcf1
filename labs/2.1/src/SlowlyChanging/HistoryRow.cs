namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// One version of a customer in a type-2 snapshot: the snapshotted columns (<see cref="UpdatedAt"/> only when the
/// snapshot selects it) and dbt's four columns; <see cref="ValidTo"/> null is the current version.
/// </summary>
public sealed record HistoryRow(int CustomerId, string FullName, string Segment, string City, DateTime? UpdatedAt,
    string ScdId, DateTime DbtUpdatedAt, DateTime ValidFrom, DateTime? ValidTo);
