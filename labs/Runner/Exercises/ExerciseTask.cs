namespace StatelessMind.Runner.Exercises;

/// <summary>
/// One task as a learner's copy records it in exercises.json: where its stub is and which tests check it
/// (an empty <see cref="Tests"/> means every test of its goal).
/// </summary>
public sealed record ExerciseTask(string Id, string Goal, string Task, string File, int Line, SourceLanguage Language, IReadOnlyList<string> Tests)
{
    public static ExerciseTask From(ExerciseRegion region, int line) =>
        new(region.TaskId, region.GoalId, region.Task, region.File, line, region.Language, region.Tests);
}
