using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests.PointInTimeRecovery;

/// <summary>1.1.1-4c, d: the archive check, on copies of a real archive (no server involved): continuity, then every page and record.</summary>
[Collection(PitrCollection.Name)]
public sealed class WalArchiveTests(PitrFixture fixture, ITestOutputHelper output)
{
    private PitrSession Session => fixture.Session;

    [Fact]
    [Goal("1.1.1-4")]
    public void The_intact_archive_passes_the_check_from_the_backup_on()
    {
        var report = Session.Archive.Verify(Session.BackupStartSegment);
        output.WriteLine($"{report.FirstSegment} … {report.LastSegment}: {report.Segments} segments, {report.Pages} pages, {report.Records} records, last at {Lsn.Format(report.LastRecordLsn)}");
        Assert.Equal(Session.BackupStartSegment.ToString(), report.FirstSegment);
        Assert.Equal(Session.Archive.Segments()[^1].ToString(), report.LastSegment);
        Assert.True(report.Records > Session.History.Count * 2, $"{report.Records} records for {Session.History.Count} transactions (at least an insert and a commit each)");
        // The walk reached the last transaction's commit.
        Assert.True(report.LastRecordLsn >= Lsn.Parse(Session.History[^1].LsnAfterCommit));
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task A_missing_segment_is_named_before_any_restore()
    {
        var copy = await Session.CopyArchiveAsync("test-missing-middle");
        var victim = Session.BackupStartSegment.Next.Next;
        File.Delete(copy.PathOf(victim));
        var e = Assert.Throws<WalSegmentMissingException>(() => copy.Verify(Session.BackupStartSegment));
        output.WriteLine(e.Message);
        Assert.Equal(victim.ToString(), e.Segment);
        Assert.Contains($"the archive jumps from {Session.BackupStartSegment.Next} to {victim.Next}", e.Message);

        var first = await Session.CopyArchiveAsync("test-missing-first");
        File.Delete(first.PathOf(Session.BackupStartSegment));
        var e2 = Assert.Throws<WalSegmentMissingException>(() => first.Verify(Session.BackupStartSegment));
        Assert.Equal(Session.BackupStartSegment.ToString(), e2.Segment);
        Assert.Contains("the base backup starts in it", e2.Message);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task A_flipped_byte_in_a_commit_record_is_named_with_its_segment_and_LSN()
    {
        var copy = await Session.CopyArchiveAsync("test-flipped");
        var commit = Lsn.Parse(Session.History[20].LsnAfterCommit);
        var segment = WalSegmentName.Containing(commit);
        FlipByte(copy.PathOf(segment), (long)(commit % segment.SegmentSize) - 16);
        var e = Assert.Throws<WalSegmentCorruptException>(() => copy.Verify(Session.BackupStartSegment));
        output.WriteLine(e.Message);
        Assert.Equal(segment.ToString(), e.Segment);
        Assert.Contains("CRC-32C mismatch", e.Message);
        Assert.InRange(e.Position, commit - 128, commit); // the damaged record starts just before the position after the commit
    }

    [Fact]
    [Goal("1.1.1-4")]
    public async Task Zeros_where_a_record_should_start_are_a_hole_unless_it_is_the_newest_segment()
    {
        // The first records of an older segment zeroed: there the walk cannot tell a record from the end of WAL, and
        // since newer segments follow, it is damage, not the end.
        var copy = await Session.CopyArchiveAsync("test-zeroed");
        var segment = Session.BackupStartSegment.Next;
        using (var file = new FileStream(copy.PathOf(segment), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 40; // after the segment's long page header
            file.Write(new byte[256]);
        }
        var e = Assert.Throws<WalSegmentCorruptException>(() => copy.Verify(Session.BackupStartSegment));
        output.WriteLine(e.Message);
        Assert.Equal(segment.ToString(), e.Segment);
        Assert.Contains("zeros where the next record should start", e.Message);
    }

    private static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x20));
    }
}
