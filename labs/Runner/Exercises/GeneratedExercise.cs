namespace StatelessMind.Runner.Exercises;

/// <summary>A learner's copy that was written: where, which labs and goals, the regions it stubbed, and each rewritten
/// file by relative path (with its line map back to the solution).</summary>
public sealed record GeneratedExercise(
    string OutDirectory,
    IReadOnlyList<string> Labs,
    IReadOnlyList<string> Goals,
    IReadOnlyList<ExerciseRegion> Regions,
    IReadOnlyDictionary<string, RewrittenFile> RewrittenFiles,
    int FilesCopied,
    bool WholeRepository);
