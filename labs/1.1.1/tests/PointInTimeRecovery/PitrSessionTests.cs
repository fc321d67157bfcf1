using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests.PointInTimeRecovery;

/// <summary>1.1.1-4a, b: the source side — WAL archiving, the base backup, and the record of each commit a target can name.</summary>
[Collection(PitrCollection.Name)]
public sealed class PitrSessionTests(PitrFixture fixture, ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.1-4")]
    public void The_archive_holds_every_segment_from_the_backup_on()
    {
        var session = fixture.Session;
        var segments = session.Archive.Segments();
        output.WriteLine($"backup starts at {session.BackupStartLsn} in {session.BackupStartSegment}; archive: {segments[0]} … {segments[^1]} ({segments.Count} files); " +
                         $"base backup {session.BaseBackupBytes / 1048576.0:0.#} MiB");
        Assert.True(File.Exists(Path.Combine(session.BaseBackupDirectory, "backup_label")));
        Assert.Contains(session.BackupStartSegment, segments);
        // The accident's segment was switched out and archived; every segment from the backup's on is a whole 16 MiB file.
        var fromBackup = segments.Where(s => s.Number >= session.BackupStartSegment.Number).ToList();
        Assert.Equal(Enumerable.Range(0, fromBackup.Count).Select(i => session.BackupStartSegment.Number + (ulong)i), fromBackup.Select(s => s.Number));
        Assert.True(fromBackup.Count >= session.History.Count / 16, $"{fromBackup.Count} segments for {session.History.Count} transactions switched every 16");
        Assert.All(fromBackup, s => Assert.Equal((long)WalSegmentName.DefaultSegmentSize, new FileInfo(session.Archive.PathOf(s)).Length));
        Assert.Empty(Directory.GetFiles(session.Archive.Directory, "*.partial"));
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void The_workload_records_each_commit_with_increasing_xid_time_and_lsn()
    {
        var history = fixture.Session.History;
        output.WriteLine($"{history.Count} transactions: first {history[0]}, last {history[^1]}");
        Assert.Equal(Enumerable.Range(1, 64), history.Select(t => t.Id));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].Xid > history[i - 1].Xid, $"xid of {history[i].Id} does not follow {history[i - 1].Id}");
            Assert.True(history[i].CommitTime > history[i - 1].CommitTime, $"commit time of {history[i].Id} does not follow {history[i - 1].Id}");
            Assert.True(Lsn.Parse(history[i].LsnAfterCommit) > Lsn.Parse(history[i - 1].LsnAfterCommit), $"LSN after {history[i].Id} does not follow {history[i - 1].Id}");
        }
        // The commit time is the server's (track_commit_timestamp), taken before the accident.
        Assert.All(history, t => Assert.True(t.CommitTime <= fixture.Session.AccidentTime));
        Assert.Equal(history.Count, fixture.Session.RestorePoints[PitrSession.BeforeAccident]);
    }

    [Fact]
    [Goal("1.1.1-4")]
    public void Expected_sets_follow_the_targets_own_rules()
    {
        var session = fixture.Session;
        var h = session.History;
        Assert.Equal(Enumerable.Range(1, 16), session.ExpectedIds(RecoveryTarget.Time(session.TimeBetween(16))));
        Assert.Equal(Enumerable.Range(1, 29), session.ExpectedIds(RecoveryTarget.AtLsn(h[28].LsnAfterCommit)));
        Assert.Equal(Enumerable.Range(1, 56), session.ExpectedIds(RecoveryTarget.Transaction(h[55].Xid)));
        Assert.Equal(Enumerable.Range(1, 40), session.ExpectedIds(RecoveryTarget.RestorePoint("after-transaction-40")));
        Assert.Equal("off", RecoveryTarget.AtLsn(h[28].LsnAfterCommit).Settings()["recovery_target_inclusive"]);
        Assert.Equal("on", RecoveryTarget.Transaction(h[55].Xid).Settings()["recovery_target_inclusive"]);
    }
}
