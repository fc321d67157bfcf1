using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>1.2-4b: the two aggregated marts, from the in-memory fact table.</summary>
[Goal("1.2-4")]
public sealed class AggregateTests
{
    [Fact]
    public void Daily_store_sales_group_lines_units_and_revenue_by_store_and_day()
    {
        var daily = Aggregates.DailyStoreSales(MartTransform.FactSales(SmallSnapshot.Create(), MartParameters.RetailProject));
        var store1 = MartTransform.SurrogateKey(1);
        var fifth = daily.Rows.Single(r => (string)r[0]! == store1 && (int)r[1]! == 20240305);
        Assert.Equal(new object?[] { store1, 20240305, 3L, 6L, 1_350m + 1_169m + 810m }, fifth);
        Assert.Equal(2, daily.Rows.Count);
        Assert.Equal(4L, daily.Rows.Sum(r => (long)r[2]!));
    }

    [Fact]
    public void Revenue_by_department_pivots_the_segments_and_rounds_the_total_to_currency()
    {
        var snapshot = SmallSnapshot.Create();
        var sales = MartTransform.FactSales(snapshot, MartParameters.RetailProject);
        var table = Aggregates.RevenueByDepartmentSegment(sales, MartTransform.DimCustomer(snapshot), MartTransform.DimProduct(snapshot), MartParameters.RetailProject);
        Assert.Equal(["department", "revenue_cents_consumer", "revenue_cents_small_business", "revenue_cents_corporate", "revenue"], table.Columns.Select(c => c.Name));
        Assert.Equal(new object?[] { "Grocery", 1_350m, 0m, 810m, 21.60m }, table.Rows.Single(r => (string)r[0]! == "Grocery"));
        Assert.Equal(new object?[] { "Kitchen", 1_169m, 6_495m, 0m, 76.64m }, table.Rows.Single(r => (string)r[0]! == "Kitchen"));
    }
}
