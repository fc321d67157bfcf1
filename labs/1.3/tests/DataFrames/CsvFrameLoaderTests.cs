using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>Loading real CSV files with a header, and the typed errors for input that is not the expected table.</summary>
[Goal("1.3-1")]
public sealed class CsvFrameLoaderTests
{
    [Fact]
    public void A_file_with_a_header_loads_as_string_columns_with_nulls_for_empty_fields_and_quotes_unwrapped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"orders-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "order_id,store_id,category,quantity,unit_price,note\n1,2,toys,3,4.50,\"a, b\"\"c\"\n2,3,grocery,,,\n");
        try
        {
            var frame = CsvFrameLoader.LoadFile(path, OrdersSchema.OrderColumns);
            Assert.Equal(2, frame.Rows.Count);
            Assert.Equal(6, frame.Columns.Count);
            Assert.All(frame.Columns, c => Assert.IsType<StringDataFrameColumn>(c));
            Assert.Equal("a, b\"c", frame["note"][0]);
            Assert.Null(frame[OrdersSchema.Quantity][1]);
            Assert.Equal(3, frame[OrdersSchema.Quantity].NullCount + frame[OrdersSchema.UnitPrice].NullCount + frame["note"].NullCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var e = Assert.Throws<DatasetFormatException>(() =>
            CsvFrameLoader.LoadString("order_id,store_id,category,unit_price\n1,2,toys,4.5\n", "orders.csv", OrdersSchema.OrderColumns));
        Assert.Equal(OrdersSchema.Quantity, e.Column);
        Assert.Equal(1, e.Line);
        Assert.Contains("orders.csv", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order_id,store_id,category,quantity,unit_price\n1,2,toys,3,4.5\n2,3,toys,3\n", 3, "expected 5 fields, found 4")]
    [InlineData("order_id,store_id,category,quantity,unit_price\n1,2,\"toys,3,4.5\n", 2, "not closed")]
    [InlineData("order_id,store_id,category,quantity,unit_price\n1,2,to\"ys,3,4.5\n", 2, "stray quote")]
    public void An_unparsable_row_is_reported_with_its_line(string csv, long line, string problem)
    {
        var e = Assert.Throws<DatasetFormatException>(() => CsvFrameLoader.LoadString(csv, "orders.csv", OrdersSchema.OrderColumns));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_or_missing_file_is_a_typed_error()
    {
        Assert.Contains("empty", Assert.Throws<DatasetFormatException>(() => CsvFrameLoader.LoadString("", "e.csv", OrdersSchema.OrderColumns)).Problem, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<DatasetFormatException>(() => CsvFrameLoader.LoadFile("/nonexistent/orders.csv", OrdersSchema.OrderColumns)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_without_a_required_column_is_refused_by_the_cleaner()
    {
        var frame = new DataFrame(new StringDataFrameColumn(OrdersSchema.OrderId, ["1"]));
        var e = Assert.Throws<DatasetFormatException>(() => new OrderCleaner().Clean(frame));
        Assert.Equal(OrdersSchema.StoreId, e.Column);
    }

    [Fact]
    public void A_stores_table_with_a_repeated_store_id_is_refused()
    {
        var stores = CsvFrameLoader.LoadString("store_id,region\n1,north\n1,south\n", "stores.csv", OrdersSchema.StoreColumns);
        var e = Assert.Throws<DatasetFormatException>(() => OrderAnalysis.TypeStores(stores));
        Assert.Equal(3, e.Line);
    }
}
