using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests.PointInTimeRecovery;

/// <summary>WAL segment file names and LSNs, converted both ways (no server needed).</summary>
public sealed class WalSegmentNameTests
{
    [Fact]
    [Goal("1.1.1-4")]
    public void Segment_names_and_LSNs_convert_both_ways()
    {
        Assert.Equal("000000010000000000000003", WalSegmentName.Containing(Lsn.Parse("0/3000028")).ToString());
        Assert.Equal("0000000100000001000000FF", WalSegmentName.Containing(Lsn.Parse("1/FF123456")).ToString());
        var name = WalSegmentName.Parse("00000002000000030000000A");
        Assert.Equal(2u, name.Timeline);
        Assert.Equal("00000002000000030000000B", name.Next.ToString());
        Assert.Equal("3/A000000", Lsn.Format(name.StartLsn));
        // The last segment of a 4 GiB log id is followed by the first of the next one.
        Assert.Equal("000000020000000400000000", WalSegmentName.Parse("0000000200000003000000FF").Next.ToString());
        // With 64 MiB segments a log id holds 64 of them, so the same name is a different position.
        Assert.Equal("3/8000000", Lsn.Format(WalSegmentName.Parse("000000010000000300000002", 64UL << 20).StartLsn));
        Assert.Throws<FormatException>(() => Lsn.Parse("not-an-lsn"));
        Assert.Throws<FormatException>(() => WalSegmentName.Parse("0000000100000000000000"));
    }
}
