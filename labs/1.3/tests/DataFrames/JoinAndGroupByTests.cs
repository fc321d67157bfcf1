using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>1.3-1d: the left join keeps orders of unknown stores, and the group-by sums equal LINQ's; the inner-join bug is caught.</summary>
[Goal("1.3-1")]
public sealed class JoinAndGroupByTests
{
    private static (DataFrame Orders, DataFrame Stores) Tables() =>
    (
        new DataFrame(
            new PrimitiveDataFrameColumn<long>(OrdersSchema.OrderId, new long[] { 1, 2, 3, 4, 5 }),
            new PrimitiveDataFrameColumn<long>(OrdersSchema.StoreId, new long[] { 1, 2, 1, 9, 2 }),
            new PrimitiveDataFrameColumn<double>(OrdersSchema.Revenue, new double[] { 10, 20, 30, 40, 50 })),
        OrderAnalysis.TypeStores(CsvFrameLoader.LoadString("store_id,region\n1,North\n2,south\n3,east\n", "stores", OrdersSchema.StoreColumns))
    );

    [Fact]
    public void The_left_join_keeps_every_order_and_gives_unmatched_ones_no_store()
    {
        var (orders, stores) = Tables();
        var joined = new OrderAnalysis().JoinStores(orders, stores);
        Assert.Equal(orders.Rows.Count, joined.Rows.Count);
        var ids = (PrimitiveDataFrameColumn<long>)joined[OrdersSchema.OrderId];
        var regions = (StringDataFrameColumn)joined[OrdersSchema.Region];
        var regionOf = Enumerable.Range(0, (int)joined.Rows.Count).ToDictionary(i => ids[i]!.Value, i => regions[i]);
        Assert.Equal("north", regionOf[1]);
        Assert.Equal("south", regionOf[2]);
        Assert.Equal(OrdersSchema.NoStore, regionOf[4]);
    }

    [Fact]
    public void Revenue_and_order_count_per_region_equal_the_linq_group_by()
    {
        var (orders, stores) = Tables();
        var regionOfStore = new Dictionary<long, string> { [1] = "north", [2] = "south", [3] = "east" };
        var rows = Enumerable.Range(0, (int)orders.Rows.Count)
            .Select(i => (Store: (long)orders[OrdersSchema.StoreId][i]!, Revenue: (double)orders[OrdersSchema.Revenue][i]!)).ToList();
        var expected = rows.GroupBy(r => regionOfStore.GetValueOrDefault(r.Store, OrdersSchema.NoStore))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Sum: g.Sum(r => r.Revenue), Count: g.Count())).ToList();

        var grouped = OrderAnalysis.RevenueByRegion(new OrderAnalysis().JoinStores(orders, stores));
        var actual = Enumerable.Range(0, (int)grouped.Rows.Count).Select(i => (
            Key: (string)grouped[OrdersSchema.Region][i]!,
            Sum: Convert.ToDouble(grouped[OrdersSchema.Revenue][i], System.Globalization.CultureInfo.InvariantCulture),
            Count: Convert.ToInt32(grouped["orders"][i], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expected.Select(e => e.Key).Order(StringComparer.Ordinal), actual.Select(a => a.Key).Order(StringComparer.Ordinal));
        foreach (var e in expected)
        {
            var a = actual.Single(x => x.Key == e.Key);
            Assert.Equal(e.Sum, a.Sum, 9);
            Assert.Equal(e.Count, a.Count);
        }
    }

    [Fact]
    public void The_planted_bug_that_drops_unmatched_keys_is_caught()
    {
        var (orders, stores) = Tables();
        var joined = new OrderAnalysis(CleaningBug.JoinDropsUnmatchedKeys).JoinStores(orders, stores);
        Assert.NotEqual(orders.Rows.Count, joined.Rows.Count);
    }
}
