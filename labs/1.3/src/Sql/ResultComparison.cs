namespace StatelessMind.Labs.Programming.Sql;

/// <summary>The outcome of comparing an actual result with the expected one: equal, or the first difference in words.</summary>
public sealed record ResultComparison(bool Equal, string? FirstDifference, int RowsCompared)
{
    /// <summary>
    /// Compares two ordered results row for row and cell for cell: same column count, same number of rows, same cells
    /// in the same order. Column names are not compared (a query may alias them differently).
    /// </summary>
    public static ResultComparison Compare(ResultSet expected, ResultSet actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        #region Exercise 1.3-2d: compare two ordered results row for row and name the first difference (tests: ResultComparisonTests, PlantedSqlBugTests)
        if (expected.Columns.Count != actual.Columns.Count)
            return new ResultComparison(false, $"expected {expected.Columns.Count} columns ({string.Join(", ", expected.Columns)}), got {actual.Columns.Count} ({string.Join(", ", actual.Columns)})", 0);
        var rows = Math.Min(expected.Rows.Count, actual.Rows.Count);
        for (var r = 0; r < rows; r++)
        {
            var e = expected.Rows[r];
            var a = actual.Rows[r];
            if (e.Count != a.Count) return new ResultComparison(false, $"row {r + 1}: expected {e.Count} cells, got {a.Count}", r);
            for (var c = 0; c < e.Count; c++)
                if (!string.Equals(e[c], a[c], StringComparison.Ordinal))
                    return new ResultComparison(false, $"row {r + 1}, column {expected.Columns[c]}: expected {e[c] ?? "NULL"}, got {a[c] ?? "NULL"}", r);
        }
        if (expected.Rows.Count != actual.Rows.Count)
            return new ResultComparison(false, $"expected {expected.Rows.Count} rows, got {actual.Rows.Count} (the first {rows} agree)", rows);
        return new ResultComparison(true, null, rows);
        #endregion
    }
}
