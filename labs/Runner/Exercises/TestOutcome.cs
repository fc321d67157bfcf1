namespace StatelessMind.Runner.Exercises;

/// <summary>How one test case ended.</summary>
public enum TestOutcome { Passed, Failed, Skipped }
