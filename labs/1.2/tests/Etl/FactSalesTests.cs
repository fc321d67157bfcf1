using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>1.2-4a: fct_sales built in memory, as the dbt model joins it.</summary>
[Goal("1.2-4")]
public sealed class FactSalesTests
{
    private static readonly MartTable Sales = MartTransform.FactSales(SmallSnapshot.Create(), MartParameters.RetailProject);

    private static object?[] Row(int order, int line) => Sales.Rows.Single(r => (int)r[1]! == order && (int)r[2]! == line);

    [Fact]
    public void One_row_per_order_line_with_its_order_and_a_line_without_an_order_is_dropped_as_the_inner_join_does()
    {
        Assert.Equal(4, Sales.Rows.Count);
        Assert.DoesNotContain(Sales.Rows, r => (int)r[1]! == 999);
        Assert.Equal(Sales.Columns.Count, Sales.Rows[0].Length);
    }

    [Fact]
    public void Keys_measures_and_the_date_key_follow_the_model()
    {
        var row = Row(100, 2);
        Assert.Equal(MartTransform.SurrogateKey(100, 2), row[0]);
        Assert.Equal(MartTransform.SurrogateKey(1), row[3]);
        Assert.Equal(MartTransform.SurrogateKey(20), row[4]);
        Assert.Equal(MartTransform.SurrogateKey(1), row[5]);
        Assert.Equal(20240305, row[6]); // 23:59 on the 5th is still the 5th
        Assert.Equal(1_169L, row[10]);
        Assert.Equal(11.69m, row[11]);
        Assert.Equal("EUR", row[12]);
        Assert.Equal(20240306, Row(102, 1)[6]);
        Assert.Equal(6_495L, Row(102, 1)[10]);
    }

    [Fact]
    public void The_ship_city_is_the_shipping_address_and_null_without_one()
    {
        Assert.Equal("Avalon", Row(100, 1)[7]);
        Assert.Equal("Eastport", Row(101, 1)[7]);
        Assert.Null(Row(102, 1)[7]);
    }

    [Fact]
    public void Planted_bug_any_address_as_ship_city_takes_the_billing_city()
    {
        var buggy = MartTransform.FactSales(SmallSnapshot.Create(), MartParameters.RetailProject, EtlBug.AnyAddressAsShipCity);
        Assert.Equal("Dunmore", buggy.Rows.Single(r => (int)r[1]! == 100 && (int)r[2]! == 1)[7]);
        Assert.NotEqual(Row(100, 1)[7], buggy.Rows.Single(r => (int)r[1]! == 100 && (int)r[2]! == 1)[7]);
    }
}
