namespace StatelessMind.Runner.Exercises;

/// <summary>A goal's tests (those with its [Goal] trait), how many pass, and its tasks.</summary>
public sealed record GoalProgress(string Goal, string Statement, IReadOnlyList<TestCaseResult> Tests, IReadOnlyList<TaskProgress> Tasks)
{
    public int Passed => Tests.Count(t => t.Passed);
    public int Total => Tests.Count;
}
