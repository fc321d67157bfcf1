using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>Exact duplicate rows (nulls equal to nulls) are dropped, the first occurrence kept.</summary>
[Goal("1.3-1")]
public sealed class DuplicateRowTests
{
    [Fact]
    public void Duplicate_rows_are_dropped_keeping_the_first()
    {
        var raw = CsvFrameLoader.LoadString("a,b\n1,x\n2,\n1,x\n2,\n1,y\n", "t", ["a", "b"]);
        var kept = OrderCleaner.DropDuplicateRows(raw, out var dropped);
        Assert.Equal(2, dropped);
        Assert.Equal(["1x", "2", "1y"], Enumerable.Range(0, (int)kept.Rows.Count).Select(i => $"{kept["a"][i]}{kept["b"][i]}"));
    }
}
