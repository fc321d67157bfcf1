namespace StatelessMind.SparkConnect;

/// <summary>A result column: its name, its Arrow type as Arrow names it (int64, utf8, double, dictionary …), and whether it may hold nulls.</summary>
public sealed record SparkColumn(string Name, string ArrowType, bool IsNullable);
