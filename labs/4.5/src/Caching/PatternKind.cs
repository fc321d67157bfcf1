namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>The generated address traces (sm_pattern_kind).</summary>
public enum PatternKind
{
    RowMajor = 0,
    ColumnMajor = 1,
    MatMulNaive = 2,
    MatMulBlocked = 3,
    Strided = 4,
    Random = 5,
    PointerChase = 6,
    SequentialWrite = 7,
}
