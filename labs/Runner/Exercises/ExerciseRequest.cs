namespace StatelessMind.Runner.Exercises;

/// <summary>
/// What to generate: one lab (section id), or several in a copy of the whole repository; optionally only some goals
/// (of a single lab); where; and whether the copy holds the whole repository or only the lab with what it depends on.
/// </summary>
public sealed record ExerciseRequest(IReadOnlyList<string> Labs, IReadOnlyList<string> Goals, string? OutDirectory = null, bool Force = false,
    bool WholeRepository = false)
{
    public ExerciseRequest(string lab, IReadOnlyList<string> goals, string? outDirectory = null, bool force = false, bool wholeRepository = false)
        : this([lab], goals, outDirectory, force, wholeRepository)
    {
    }
}
