using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The row-for-row check the suite relies on: it must see a changed cell, a missing row, an extra column and a reordering.</summary>
[Goal("1.3-2")]
public sealed class ResultComparisonTests
{
    private static readonly ResultSet Expected = ResultSet.Of(["id", "total"], [[1, 10m], [2, null], [3, 12.5m]]);

    [Fact]
    public void Equal_results_compare_equal_across_clr_types()
    {
        var actual = ResultSet.Of(["id", "sum"], [[1L, 10L], [2L, DBNull.Value], [3L, 12.50m]]);
        var c = ResultComparison.Compare(Expected, actual);
        Assert.True(c.Equal, c.FirstDifference);
        Assert.Equal(3, c.RowsCompared);
    }

    [Fact]
    public void A_changed_cell_is_named_by_row_and_column()
    {
        var c = ResultComparison.Compare(Expected, ResultSet.Of(["id", "total"], [[1, 10m], [2, 0m], [3, 12.5m]]));
        Assert.False(c.Equal);
        Assert.Contains("row 2, column total", c.FirstDifference);
        Assert.Contains("NULL", c.FirstDifference);
    }

    [Fact]
    public void Missing_rows_extra_columns_and_a_different_order_are_differences()
    {
        Assert.Contains("expected 3 rows, got 2", ResultComparison.Compare(Expected, ResultSet.Of(["id", "total"], [[1, 10m], [2, null]])).FirstDifference);
        Assert.Contains("columns", ResultComparison.Compare(Expected, ResultSet.Of(["id", "total", "x"], [[1, 10m, 0]])).FirstDifference);
        Assert.False(ResultComparison.Compare(Expected, ResultSet.Of(["id", "total"], [[2, null], [1, 10m], [3, 12.5m]])).Equal);
    }
}
