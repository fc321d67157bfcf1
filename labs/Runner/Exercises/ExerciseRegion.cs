namespace StatelessMind.Runner.Exercises;

/// <summary>
/// One marked region of the reference solution: the statements a learner writes for one task.
/// Lines are 1-based and inclusive: <see cref="StartLine"/> holds the opening marker (its header may
/// continue to <see cref="HeaderEndLine"/>, in C), <see cref="EndLine"/> the closing marker.
/// </summary>
/// <param name="File">Path relative to the repository root, with '/' separators.</param>
/// <param name="Tests">Test names from the header's <c>(tests: …)</c> clause; empty when it has none.</param>
/// <param name="Returns">C only: the value the stub returns, from the header's <c>(returns …)</c> clause.</param>
/// <param name="Indent">The whitespace before the opening marker; the stub is written with it.</param>
/// <param name="Body">The lines between the markers, as written.</param>
public sealed record ExerciseRegion(
    string File,
    SourceLanguage Language,
    string TaskId,
    string Task,
    IReadOnlyList<string> Tests,
    string? Returns,
    int StartLine,
    int HeaderEndLine,
    int EndLine,
    string Indent,
    IReadOnlyList<string> Body)
{
    public string GoalId => ExerciseTaskId.GoalOf(TaskId);

    public string Location => $"{File}:{StartLine}";

    /// <summary>The header as the skeleton keeps it, in a comment above the stub.</summary>
    public string Header => Tests.Count == 0 ? $"Exercise {TaskId}: {Task}" : $"Exercise {TaskId}: {Task} (tests: {string.Join(", ", Tests)})";
}
