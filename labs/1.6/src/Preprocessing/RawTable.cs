namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>A table as it arrives, before preprocessing: named columns of text cells, null where a value is missing.
/// Numbers are kept as invariant-culture text, so one table carries numeric and categorical columns alike.</summary>
public sealed record RawTable(IReadOnlyList<string> Columns, string?[][] Rows)
{
    public int Count => Rows.Length;

    /// <summary>The position of a column; a typed error names the column and the ones there are.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column) return i;
        throw new PreprocessingInputException(column, -1, $"the table has no column '{column}' (it has {string.Join(", ", Columns)})");
    }

    public RawTable Subset(IReadOnlyList<int> indices) => this with { Rows = [.. indices.Select(i => Rows[i])] };
}
