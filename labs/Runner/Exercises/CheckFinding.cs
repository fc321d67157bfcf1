namespace StatelessMind.Runner.Exercises;

/// <summary>One verdict of the check: a step (markers, lint, build, api, tasks fail, others pass), what it is about
/// (a region's task and location, a goal, or the lab) and what was found.</summary>
public sealed record CheckFinding(string Step, bool Passed, string Subject, string Message)
{
    public override string ToString() => $"{(Passed ? "ok  " : "FAIL")}  {Step}: {Subject}: {Message}";
}
