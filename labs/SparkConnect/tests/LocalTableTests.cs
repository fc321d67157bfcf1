namespace StatelessMind.SparkConnect.Tests;

public sealed class LocalTableTests
{
    [Fact]
    public void Columns_of_different_lengths_are_refused_naming_the_column()
    {
        var table = new LocalTable().AddInt32s("basket", [1, 2, 3]);
        var error = Assert.Throws<ArgumentException>(() => table.AddInt32s("item", [1, 2]));
        Assert.Contains("'item' has 2 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_name_is_used_once()
    {
        var table = new LocalTable().AddInt32s("k", [1]);
        Assert.Throws<ArgumentException>(() => table.AddInt64s("k", [1]));
    }

    [Fact]
    public void A_table_writes_the_same_bytes_twice()
    {
        var table = new LocalTable().AddStrings("value", ["x", null]).AddDoubles("r", [1.5, 2]);
        Assert.Equal(table.ToArrowIpc(), table.ToArrowIpc());
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void An_empty_table_has_nothing_to_send() =>
        Assert.Throws<InvalidOperationException>(() => new LocalTable().ToArrowIpc());
}
