namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>A generated address trace; the C generator (patterns.c) emits the addresses.</summary>
public sealed record AccessPattern(PatternKind Kind, int N = 0, int ElementBytes = 8, int Tile = 0, ulong Base = 0,
    long SpanBytes = 0, long StrideBytes = 0, long Count = 0, ulong Seed = 1)
{
    /// <summary>Sum an n × n matrix of doubles row by row.</summary>
    public static AccessPattern RowMajor(int n) => new(PatternKind.RowMajor, n);

    /// <summary>The same sum, column by column.</summary>
    public static AccessPattern ColumnMajor(int n) => new(PatternKind.ColumnMajor, n);

    /// <summary>C = A·B with i-j-k loops (A, B, C laid out one after another).</summary>
    public static AccessPattern MatMulNaive(int n) => new(PatternKind.MatMulNaive, n);

    /// <summary>C = A·B in tile × tile blocks.</summary>
    public static AccessPattern MatMulBlocked(int n, int tile) => new(PatternKind.MatMulBlocked, n, Tile: tile);

    /// <summary>One read every <paramref name="strideBytes"/> over <paramref name="spanBytes"/>, <paramref name="passes"/> times.</summary>
    public static AccessPattern Strided(long spanBytes, long strideBytes, int passes = 1) => new(PatternKind.Strided, SpanBytes: spanBytes, StrideBytes: strideBytes, Count: passes);

    /// <summary><paramref name="count"/> reads of random doubles in <paramref name="spanBytes"/>.</summary>
    public static AccessPattern Random(long spanBytes, long count, ulong seed = 1) => new(PatternKind.Random, SpanBytes: spanBytes, Count: count, Seed: seed);

    /// <summary><paramref name="count"/> steps round the random cycle the latency benchmark walks.</summary>
    public static AccessPattern PointerChase(long spanBytes, long nodeBytes, long count, ulong seed) =>
        new(PatternKind.PointerChase, SpanBytes: spanBytes, StrideBytes: nodeBytes, Count: count, Seed: seed);

    public string Describe() => Kind switch
    {
        PatternKind.RowMajor => $"row-major sum, {N}×{N} doubles",
        PatternKind.ColumnMajor => $"column-major sum, {N}×{N} doubles",
        PatternKind.MatMulNaive => $"matrix multiply i-j-k, n = {N}",
        PatternKind.MatMulBlocked => $"blocked matrix multiply, n = {N}, tile {Tile}",
        PatternKind.Strided => $"strided reads, stride {StrideBytes} B over {CacheConfig.FormatBytes(SpanBytes)}",
        PatternKind.Random => $"{Count:N0} random reads in {CacheConfig.FormatBytes(SpanBytes)}",
        PatternKind.PointerChase => $"pointer chase over {CacheConfig.FormatBytes(SpanBytes)}",
        _ => $"sequential writes, {N}×{N} doubles",
    };
}
