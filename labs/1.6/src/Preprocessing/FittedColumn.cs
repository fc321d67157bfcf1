namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>
/// What fitting learned about one column, from the training rows only. Numeric: <see cref="Fill"/> (the median, for
/// missing values), <see cref="Center"/> and <see cref="Scale"/> (mean and standard deviation, or min and max − min).
/// Nominal and ordinal: <see cref="Categories"/> (the one-hot vocabulary, or the declared levels) and
/// <see cref="FillCategory"/> (the most frequent value, for missing ones).
/// </summary>
public sealed record FittedColumn(string Name, ColumnKind Kind, double Fill, double Center, double Scale,
    IReadOnlyList<string> Categories, string? FillCategory)
{
    /// <summary>How many features the column becomes: one-hot gives one per category, the others one.</summary>
    public int Width => Kind == ColumnKind.Nominal ? Categories.Count : 1;
}
