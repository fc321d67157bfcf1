namespace StatelessMind.Runner.Exercises;

/// <summary>
/// A file with its regions replaced by stubs. <see cref="OriginalLines"/>[n - 1] is the line of the solution's file that
/// line n came from (0 for a line the generator added), so that a compiler error in the skeleton can be traced back.
/// </summary>
public sealed record RewrittenFile(string Text, IReadOnlyList<int> OriginalLines, IReadOnlyList<StubPlacement> Stubs)
{
    public int OriginalLineOf(int line) => line >= 1 && line <= OriginalLines.Count ? OriginalLines[line - 1] : 0;

    /// <summary>The region whose stub holds <paramref name="line"/>, or else the last stub above it: the likely cause of an error there.</summary>
    public ExerciseRegion? RegionNear(int line) =>
        Stubs.FirstOrDefault(s => line >= s.FirstLine && line <= s.LastLine)?.Region
        ?? Stubs.LastOrDefault(s => s.LastLine < line)?.Region
        ?? Stubs.FirstOrDefault()?.Region;
}
