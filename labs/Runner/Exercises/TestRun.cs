namespace StatelessMind.Runner.Exercises;

/// <summary>The results of one <c>dotnet test</c> run, with its exit code and output (for a run that crashed).</summary>
public sealed record TestRun(string Filter, IReadOnlyList<TestCaseResult> Results, int ExitCode, string Output)
{
    /// <summary>The run ended badly without a failed test to show for it: the test host crashed or did not start.</summary>
    public bool Crashed => ExitCode != 0 && Results.All(r => r.Outcome != TestOutcome.Failed);
}
