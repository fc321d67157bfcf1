using StatelessMind.Labs.DatabaseTheory.Leaderless;

namespace StatelessMind.Labs.DatabaseTheory.Tests.Leaderless;

/// <summary>Task 4.1-2c: comparing version vectors.</summary>
public sealed class VectorClockTests
{
    [Theory]
    [InlineData(new long[] { 1, 0 }, new long[] { 1, 0 }, ClockOrder.Equal)]
    [InlineData(new long[] { 1, 0 }, new long[] { 2, 0 }, ClockOrder.Before)]
    [InlineData(new long[] { 1, 3 }, new long[] { 1, 2 }, ClockOrder.After)]
    [InlineData(new long[] { 2, 0 }, new long[] { 1, 1 }, ClockOrder.Concurrent)]
    [InlineData(new long[] { 0, 0 }, new long[] { 0, 1 }, ClockOrder.Before)]
    [Goal("4.1-2")]
    public void Clocks_compare_entry_by_entry(long[] a, long[] b, ClockOrder expected)
    {
        var (x, y) = (Clock(a), Clock(b));
        Assert.Equal(expected, x.Compare(y));
        Assert.Equal(expected switch { ClockOrder.Before => ClockOrder.After, ClockOrder.After => ClockOrder.Before, _ => expected }, y.Compare(x));
    }

    [Fact]
    [Goal("4.1-2")]
    public void A_write_made_after_reading_two_siblings_descends_from_both()
    {
        var a = VectorClock.Empty.Increment(0);
        var b = VectorClock.Empty.Increment(1);
        Assert.Equal(ClockOrder.Concurrent, a.Compare(b));
        var next = a.Merge(b).Increment(2);
        Assert.Equal(ClockOrder.After, next.Compare(a));
        Assert.Equal(ClockOrder.After, next.Compare(b));
        Assert.Equal("[n0:1,n1:1,n2:1]", next.ToString());
    }

    private static VectorClock Clock(long[] counts) => VectorClock.Of([.. counts.Select((c, i) => (i, c))]);
}
