using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>1.3-1a: raw text → typed columns, nulls where a field does not parse; rows without ids or quantity dropped.</summary>
[Goal("1.3-1")]
public sealed class ParseTypesTests
{
    private const string Csv = "order_id,store_id,category,quantity,unit_price\n" +
                               "1,2,toys,3,4.50\n" +      // fine
                               "2,3,toys,n/a,4.50\n" +    // bad quantity: dropped
                               "3,x,toys,3,4.50\n" +      // bad store: dropped
                               "4,3,toys,5,\n" +          // missing price: kept, null
                               "5,3,toys,5,12.5.0\n" +    // bad price: kept, null, counted
                               ",3,toys,5,1\n";           // missing id: dropped

    [Fact]
    public void Columns_get_their_types_and_unparsable_fields_become_nulls()
    {
        var parsed = OrderCleaner.ParseTypes(CsvFrameLoader.LoadString(Csv, "t", OrdersSchema.OrderColumns));
        Assert.IsType<PrimitiveDataFrameColumn<long>>(parsed.Frame[OrdersSchema.OrderId]);
        Assert.IsType<PrimitiveDataFrameColumn<long>>(parsed.Frame[OrdersSchema.StoreId]);
        Assert.IsType<PrimitiveDataFrameColumn<int>>(parsed.Frame[OrdersSchema.Quantity]);
        Assert.IsType<PrimitiveDataFrameColumn<double>>(parsed.Frame[OrdersSchema.UnitPrice]);
        var ids = (PrimitiveDataFrameColumn<long>)parsed.Frame[OrdersSchema.OrderId];
        Assert.Equal([1L, 4L, 5L], Enumerable.Range(0, (int)ids.Length).Select(i => ids[i]!.Value));
        var prices = (PrimitiveDataFrameColumn<double>)parsed.Frame[OrdersSchema.UnitPrice];
        Assert.Equal(4.5, prices[0]);
        Assert.Equal(2, prices.NullCount);
    }

    [Fact]
    public void Dropped_rows_and_unparsable_prices_match_an_independent_count()
    {
        var lines = Csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var unusable = lines.Count(f => !long.TryParse(f[0], out _) || !long.TryParse(f[1], out _) || !int.TryParse(f[3], out _));
        var badPrices = lines.Count(f => f[4].Length > 0 && !double.TryParse(f[4], System.Globalization.CultureInfo.InvariantCulture, out _));
        var parsed = OrderCleaner.ParseTypes(CsvFrameLoader.LoadString(Csv, "t", OrdersSchema.OrderColumns));
        Assert.Equal(unusable, parsed.RowsDropped);
        Assert.Equal(badPrices, parsed.UnparsablePrices);
        Assert.Equal(lines.Count - unusable, parsed.Frame.Rows.Count);
    }
}
