using System.Globalization;

namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>An access pattern that exists twice: as the simulator's generated trace and as the real loop of
/// native/c/cachesim/cg_pattern.c (function <see cref="Function"/>), which cachegrind runs.</summary>
/// <param name="BufferBytes">The buffer cg_pattern fills (sequentially) before the walk.</param>
public sealed record CachegrindPattern(string Name, IReadOnlyList<string> Arguments, string Function, long BufferBytes, AccessPattern Walk)
{
    public static CachegrindPattern RowMajor(int n) =>
        new($"row-major sum, {n}×{n}", ["row", Text(n)], "walk_rows", (long)n * n * 8, AccessPattern.RowMajor(n));

    public static CachegrindPattern ColumnMajor(int n) =>
        new($"column-major sum, {n}×{n}", ["col", Text(n)], "walk_cols", (long)n * n * 8, AccessPattern.ColumnMajor(n));

    public static CachegrindPattern Strided(long spanBytes, long strideBytes) =>
        new($"stride {strideBytes} B over {CacheConfig.FormatBytes(spanBytes)}", ["strided", Text(spanBytes), Text(strideBytes)], "walk_strided",
            spanBytes, AccessPattern.Strided(spanBytes, strideBytes));

    /// <summary>Random reads; cg_pattern uses seed 1 and the simulator's generator, so both read the same addresses.</summary>
    public static CachegrindPattern Random(long spanBytes, long count) =>
        new($"{count:N0} random reads in {CacheConfig.FormatBytes(spanBytes)}", ["random", Text(spanBytes), Text(count)], "walk_random",
            spanBytes, AccessPattern.Random(spanBytes, count, seed: 1));

    private static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
}
