namespace StatelessMind.Runner.Exercises;

/// <summary>Whether a build step succeeded, its errors, and its output (for a failure with no parsable error).</summary>
public sealed record BuildOutcome(string Step, bool Succeeded, IReadOnlyList<BuildDiagnostic> Errors, string Output)
{
    /// <summary>The last lines of the output: what to show when no error line could be read.</summary>
    public string Tail(int lines = 15) => string.Join('\n', Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(lines));
}
