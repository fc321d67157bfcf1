namespace StatelessMind.Runner.Exercises;

/// <summary>Where a region's stub landed in the rewritten file (1-based, inclusive).</summary>
public sealed record StubPlacement(ExerciseRegion Region, int FirstLine, int LastLine);
