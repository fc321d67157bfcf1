using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>Whether a rewrite returned exactly the rows of the original, in the same order; if not, what changed.</summary>
public sealed record RowIdentity(bool Identical, int BeforeRows, int AfterRows, int Missing, int Extra, string? FirstDifference)
{
    /// <summary>
    /// Compares row for row. On a difference it also counts, as multisets, the rows the rewrite lost and the rows it
    /// added (a duplicate counts as added), so a report can say "12 rows twice" rather than only "row 40 differs".
    /// </summary>
    public static RowIdentity Check(ResultSet before, ResultSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        #region Exercise 1.3-3b: the identical-results check: row for row, and on a difference the rows lost and added as multisets (tests: RowIdentityTests, PlantedRewriteBugTests)
        static string Key(IReadOnlyList<string?> row) => string.Join('\u001f', row.Select(c => c ?? "\u2400"));
        string? first = null;
        for (var i = 0; i < Math.Max(before.Rows.Count, after.Rows.Count) && first is null; i++)
        {
            if (i >= before.Rows.Count) first = $"row {i + 1} is extra: ({string.Join(", ", after.Rows[i])})";
            else if (i >= after.Rows.Count) first = $"row {i + 1} is missing: ({string.Join(", ", before.Rows[i])})";
            else if (Key(before.Rows[i]) != Key(after.Rows[i]))
                first = $"row {i + 1}: ({string.Join(", ", before.Rows[i])}) before, ({string.Join(", ", after.Rows[i])}) after";
        }
        if (first is null) return new RowIdentity(true, before.Rows.Count, after.Rows.Count, 0, 0, null);
        var counts = new Dictionary<string, int>();
        foreach (var row in before.Rows) counts[Key(row)] = counts.GetValueOrDefault(Key(row)) + 1;
        foreach (var row in after.Rows) counts[Key(row)] = counts.GetValueOrDefault(Key(row)) - 1;
        var missing = counts.Values.Where(v => v > 0).Sum();
        var extra = -counts.Values.Where(v => v < 0).Sum();
        return new RowIdentity(false, before.Rows.Count, after.Rows.Count, missing, extra, first);
        #endregion
    }
}
