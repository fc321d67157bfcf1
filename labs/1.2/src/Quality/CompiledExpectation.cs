namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>An expectation pushed down to SQL. Row-level: <see cref="FailingRowsSql"/> selects every failing row as
/// <c>(key bigint, value text, reason text)</c>. Table-level: <see cref="ObservedSql"/> selects one float8 (or NULL).</summary>
public sealed record CompiledExpectation(Expectation Expectation, string? FailingRowsSql, string? ObservedSql);
