using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>
/// The whole pipeline on generated messy data: each step's effect (rows dropped, values fixed) and the final group sums
/// equal an independent LINQ computation over the same CSV lines, and the planted defects are all found.
/// </summary>
[Goal("1.3-1")]
public sealed class CleaningPipelineTests
{
    private static readonly MessyDataset Data = MessyOrders.Generate(new MessyOrdersSpec(5_000, 42));
    private static readonly OrdersReference Reference = OrdersReference.Compute(Data.OrdersCsv, Data.StoresCsv);

    private static CleanedOrders Clean(CleaningBug bug = CleaningBug.None) =>
        new OrderCleaner(bug).Clean(CsvFrameLoader.LoadString(Data.OrdersCsv, "orders.csv", OrdersSchema.OrderColumns));

    [Fact]
    public void Each_step_drops_or_fixes_as_many_rows_as_linq_counts()
    {
        var r = Clean().Report;
        Assert.Equal(Reference.RowsIn, r.RowsIn);
        Assert.Equal(Reference.Duplicates, r.DuplicatesDropped);
        Assert.Equal(Reference.Unparsable, r.UnparsableRowsDropped);
        Assert.Equal(Reference.UnknownCategories, r.UnknownCategoriesDropped);
        Assert.Equal(Reference.Outliers, r.OutliersDropped);
        Assert.Equal(Reference.Respelled, r.CategoriesRespelled);
        Assert.Equal(Reference.Imputed, r.PricesImputed);
        Assert.Equal(Reference.RowsOut, r.RowsOut);
        Assert.True(r.Balances);
    }

    [Fact]
    public void The_planted_defects_are_all_found()
    {
        var (r, p) = (Clean().Report, Data.Planted);
        Assert.Equal(p.DuplicateRows, r.DuplicatesDropped);
        Assert.Equal(p.BadQuantities, r.UnparsableRowsDropped);
        Assert.Equal(p.Outliers, r.OutliersDropped);
        Assert.InRange(r.PricesImputed, 1, p.MissingPrices + p.BadPrices);
        Assert.True(r.CategoriesRespelled > 0);
    }

    [Fact]
    public void The_clean_frame_has_no_nulls_and_group_sums_equal_linq()
    {
        var cleaned = Clean();
        Assert.All(cleaned.Frame.Columns, c => Assert.Equal(0, c.NullCount));
        var stores = OrderAnalysis.TypeStores(CsvFrameLoader.LoadString(Data.StoresCsv, "stores.csv", OrdersSchema.StoreColumns));
        var byRegion = OrderAnalysis.RevenueByRegion(new OrderAnalysis().JoinStores(cleaned.Frame, stores));
        AssertGroups(byRegion, OrdersSchema.Region, Reference.RevenueByRegion);
        var byCategory = OrderAnalysis.ByCategory(cleaned.Frame);
        AssertGroups(byCategory, OrdersSchema.Category, Reference.RevenueByCategory);
        Assert.Contains(OrdersSchema.NoStore, Reference.RevenueByRegion.Keys);
    }

    [Fact]
    public void The_planted_imputation_bug_shifts_the_category_sums_away_from_linq()
    {
        var buggy = OrderAnalysis.ByCategory(Clean(CleaningBug.MeanCountsMissingAsZero).Frame);
        var keys = (StringDataFrameColumn)buggy[OrdersSchema.Category];
        var differs = Enumerable.Range(0, (int)buggy.Rows.Count).Any(i =>
            Math.Abs(Convert.ToDouble(buggy[OrdersSchema.Revenue][i], System.Globalization.CultureInfo.InvariantCulture) - Reference.RevenueByCategory[keys[i]!]) > 1e-6);
        Assert.True(differs);
    }

    private static void AssertGroups(DataFrame grouped, string key, IReadOnlyDictionary<string, double> expected)
    {
        Assert.Equal(expected.Count, grouped.Rows.Count);
        var keys = (StringDataFrameColumn)grouped[key];
        for (var i = 0; i < grouped.Rows.Count; i++)
        {
            var actual = Convert.ToDouble(grouped[OrdersSchema.Revenue][i], System.Globalization.CultureInfo.InvariantCulture);
            var want = expected[keys[i]!];
            Assert.True(Math.Abs(actual - want) <= 1e-9 * Math.Abs(want), $"{keys[i]}: {actual} against LINQ's {want}");
        }
    }
}
