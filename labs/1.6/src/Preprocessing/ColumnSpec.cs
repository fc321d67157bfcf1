namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>One input column and how to encode it; an ordinal column declares its levels in order (low to high).</summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind, IReadOnlyList<string>? Levels = null)
{
    public static ColumnSpec Numeric(string name) => new(name, ColumnKind.Numeric);
    public static ColumnSpec Nominal(string name) => new(name, ColumnKind.Nominal);
    public static ColumnSpec Ordinal(string name, params string[] levels) => new(name, ColumnKind.Ordinal, levels);
}
