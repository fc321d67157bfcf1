namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>What the publish task published for one run: the data tests by outcome and the JUnit file (null when the
/// build left no results, e.g. it never ran).</summary>
public sealed record TestResultSummary(int Tests, int Passed, int Failed, int Errored, int Skipped, string? JUnitPath);
