using StatelessMind.Labs.Programming.QueryOptimization;
using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

[Goal("1.3-3")]
public sealed class RowIdentityTests
{
    private static ResultSet Rows(params object?[][] rows) => ResultSet.Of(["id", "v"], rows);

    [Fact]
    public void Identical_rows_in_the_same_order_are_identical()
    {
        var r = RowIdentity.Check(Rows([1, "a"], [2, null]), Rows([1L, "a"], [2L, null]));
        Assert.True(r.Identical);
        Assert.Equal((2, 2), (r.BeforeRows, r.AfterRows));
    }

    [Fact]
    public void A_duplicated_row_is_one_extra_and_nothing_missing()
    {
        var r = RowIdentity.Check(Rows([1, "a"], [2, "b"], [3, "c"]), Rows([1, "a"], [2, "b"], [2, "b"], [3, "c"]));
        Assert.False(r.Identical);
        Assert.Equal((0, 1), (r.Missing, r.Extra));
        Assert.Contains("row 3", r.FirstDifference);
    }

    [Fact]
    public void Skipped_rows_are_missing_and_a_reordering_is_a_difference()
    {
        var skipped = RowIdentity.Check(Rows([1, "a"], [2, "b"], [3, "c"]), Rows([1, "a"], [3, "c"], [4, "d"]));
        Assert.Equal((1, 1), (skipped.Missing, skipped.Extra));
        var reordered = RowIdentity.Check(Rows([1, "a"], [2, "b"]), Rows([2, "b"], [1, "a"]));
        Assert.False(reordered.Identical);
        Assert.Equal((0, 0), (reordered.Missing, reordered.Extra));
    }
}
