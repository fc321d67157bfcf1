namespace StatelessMind.Runner.Exercises;

/// <summary>
/// A task's tests and how many pass. <see cref="Regions"/> are the task's stubs (a task id may mark several places);
/// <see cref="Named"/> says whether its tests came from <c>(tests: …)</c> (else: every test of its goal), and
/// <see cref="UnmatchedNames"/> lists names that matched no test of the lab.
/// </summary>
public sealed record TaskProgress(string TaskId, string Task, IReadOnlyList<ExerciseTask> Regions, IReadOnlyList<TestCaseResult> Tests, bool Named,
    IReadOnlyList<string> UnmatchedNames)
{
    public int Passed => Tests.Count(t => t.Passed);
    public int Total => Tests.Count;
    public bool Done => Total > 0 && Passed == Total;
}
