using StatelessMind.Labs.Programming.QueryOptimization;
using StatelessMind.Labs.Programming.Tests.Sql;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

/// <summary>The wrong rewrites are faster and return different rows; the identical-rows check must catch both.</summary>
[Collection(PostgresCollection.Name)]
[Goal("1.3-3")]
public sealed class PlantedRewriteBugTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Union_all_double_counts_the_orders_to_oneself()
    {
        var (conn, lab, _) = await ShopLab.OpenAsync(postgres);
        await using (conn)
        {
            var r = (await lab.RunAsync([OptimizationCases.OrAcrossColumns(RewriteBug.UnionAllDoubleCounts)])).Single();
            output.WriteLine(r.Identity.FirstDifference);
            var selfGifts = r.BeforeRows.Rows.Count(row => row[1] == row[2]);
            Assert.False(r.Identity.Identical);
            Assert.Equal((0, selfGifts), (r.Identity.Missing, r.Identity.Extra));
            Assert.True(selfGifts > 0);
        }
    }

    [Fact]
    public async Task A_keyset_on_a_non_unique_key_skips_the_rows_sharing_the_boundary_timestamp()
    {
        var (conn, lab, _) = await ShopLab.OpenAsync(postgres);
        await using (conn)
        {
            var r = (await lab.RunAsync([OptimizationCases.OffsetPagination(RewriteBug.KeysetOnNonUniqueKey)])).Single();
            output.WriteLine(r.Identity.FirstDifference);
            Assert.False(r.Identity.Identical);
            Assert.True(r.Identity.Missing > 0);
        }
    }
}
