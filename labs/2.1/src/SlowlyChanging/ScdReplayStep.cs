namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// What the database held after one load was snapshotted and the type-1 and type-3 models were run: both type-2
/// histories, their overlapping versions, the versions valid at this run's time, and the other two types' tables.
/// </summary>
public sealed record ScdReplayStep(
    int Load,
    IReadOnlyList<HistoryRow> TimestampHistory,
    IReadOnlyList<HistoryRow> CheckHistory,
    long TimestampOverlaps,
    long CheckOverlaps,
    IReadOnlyList<(int CustomerId, string Segment, string City)> TimestampAsOfRun,
    IReadOnlyList<(int CustomerId, string Segment, string City)> CheckAsOfRun,
    IReadOnlyList<CustomerProfile> Type1,
    IReadOnlyList<Type3Row> Type3);
