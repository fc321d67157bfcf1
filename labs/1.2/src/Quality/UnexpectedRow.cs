namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>One failing row of a sample: its key (the suite's row key column), the offending value(s) and why it fails.</summary>
public sealed record UnexpectedRow(long Key, string Value, string Reason);
