namespace StatelessMind.Runner.Exercises;

/// <summary>One test run sorted by goal: each goal's results, the results of tests of none of the goals asked for, and
/// the test methods that reported nothing.</summary>
public sealed record GoalTestRun(
    TestRun Run,
    IReadOnlyDictionary<string, IReadOnlyList<TestCaseResult>> ByGoal,
    IReadOnlyList<TestCaseResult> Others,
    IReadOnlyList<string> NotRun);
