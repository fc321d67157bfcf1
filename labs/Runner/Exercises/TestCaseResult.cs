namespace StatelessMind.Runner.Exercises;

/// <summary>One test case of a run: its display name (with a theory's arguments), its method (<c>Namespace.Class.Method</c>)
/// and how it ended, with the first line of its failure message.</summary>
public sealed record TestCaseResult(string Name, string Method, TestOutcome Outcome, string? Message)
{
    public bool Passed => Outcome == TestOutcome.Passed;
}
