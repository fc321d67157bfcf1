namespace StatelessMind.Runner.Exercises;

/// <summary>The regions of one file, and what is wrong with its markers.</summary>
public sealed record RegionParseResult(IReadOnlyList<ExerciseRegion> Regions, IReadOnlyList<RegionProblem> Problems);
