namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// The outcome of one expectation: whether it held, how many rows it looked at and how many failed (row-level), the
/// keys of every failing row, the first failing rows by key with their reasons (the sample), and the observed value of a table-level check (row count, age in hours, KS).
/// </summary>
public sealed record ExpectationResult(
    Expectation Expectation,
    bool Success,
    long ElementCount,
    long UnexpectedCount,
    IReadOnlyList<long> UnexpectedKeys,
    IReadOnlyList<UnexpectedRow> Sample,
    double? Observed,
    string Summary);
