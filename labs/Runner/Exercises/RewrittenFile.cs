namespace StatelessMind.Runner.Exercises;

/// <summary>
/// A file with its regions replaced by stubs. <see cref="OriginalLines"/>[n - 1] is the line of the solution's file that
/// line n came from (0 for a line the generator added), so that a compiler error in the skeleton can be traced back.
/// </summary>
public sealed record RewrittenFile(string Text, IReadOnlyList<int> OriginalLines, IReadOnlyList<StubPlacement> Stubs)
{
    public int OriginalLineOf(int line) => line >= 1 && line <= OriginalLines.Count ? OriginalLines[line - 1] : 0;

    /// <summary>
    /// The region whose stub is nearest to <paramref name="line"/> (above it on a tie): the likely cause of an error
    /// there, whether the error is a name used after the stub or a variable left unused before it.
    /// </summary>
    public ExerciseRegion? RegionNear(int line) =>
        Stubs.OrderBy(s => line < s.FirstLine ? s.FirstLine - line : line > s.LastLine ? line - s.LastLine : 0)
            .ThenBy(s => line < s.FirstLine ? 1 : 0)
            .FirstOrDefault()?.Region;
}
