namespace StatelessMind.Runner.Exercises;

/// <summary>
/// What <c>exercise-check</c> checks: some labs (default: every built lab), optionally a skeleton of only some goals
/// (then the lab's other goals' tests must pass on it), where the skeletons go, and the test hooks no region may hold.
/// </summary>
public sealed record ExerciseCheckOptions(
    IReadOnlyList<string> Labs,
    IReadOnlyList<string> Goals,
    string WorkDirectory,
    IReadOnlyList<string> Hooks,
    bool Keep = false)
{
    /// <summary>A test still running after this long on a skeleton is stopped and counts as failed.</summary>
    public TimeSpan HangTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many labs' skeleton tests run at once (their builds always run one at a time).</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);
}
