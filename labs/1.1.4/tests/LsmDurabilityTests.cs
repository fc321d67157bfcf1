using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>Crashes in the middle of flushes and compactions, torn WAL tails and corrupted tables.</summary>
public sealed class LsmDurabilityTests(ITestOutputHelper output)
{
    /// <summary>Writes (and deletes) until the tree crashes at the n-th time it reaches <paramref name="point"/>;
    /// reopens, and checks that every acknowledged write is there and no orphan file is left.</summary>
    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(CrashPoints.FlushTableWritten, 3)]
    [InlineData(CrashPoints.FlushManifestWritten, 3)]
    [InlineData(CrashPoints.ManifestTempWritten, 5)]
    [InlineData(CrashPoints.CompactionOutputPartial, 2)]
    [InlineData(CrashPoints.CompactionOutputsWritten, 2)]
    [InlineData(CrashPoints.CompactionManifestWritten, 2)]
    public void NoAcknowledgedWriteIsLostWhenKilledAt(string point, int occurrence)
    {
        using var dir = new TempDirectory("crash");
        var seen = 0;
        var acknowledged = new Dictionary<string, byte[]?>();
        var random = new Random(point.Length * 31 + occurrence);
        SimulatedCrashException? crash = null;
        using (var tree = LsmTree.Open(dir.Path, LsmTestKit.Small(crashAt: p => p == point && ++seen == occurrence)))
        {
            for (var op = 0; op < 100_000 && crash is null; op++)
            {
                var i = random.Next(3000);
                var key = LsmTestKit.Key(i);
                var value = random.Next(10) < 8 ? LsmTestKit.Value(i, op) : null;
                try
                {
                    if (value is null) tree.Delete(key);
                    else tree.Put(key, value);
                    acknowledged[Encoding.ASCII.GetString(key)] = value;
                }
                catch (SimulatedCrashException e)
                {
                    crash = e;
                }
            }
            Assert.NotNull(crash);
            Assert.Equal(point, crash.Point);
            Assert.True(tree.IsFailed);
            Assert.Throws<IOException>(() => tree.Put(LsmTestKit.Key(0), [1])); // a crashed tree accepts nothing more
        }
        using var reopened = LsmTree.Open(dir.Path, LsmTestKit.Small());
        LsmTestKit.AssertMatches(reopened, acknowledged);
        var manifest = File.ReadAllBytes(dir.File("MANIFEST"));
        var tables = Directory.GetFiles(dir.Path, "*.sst").Length;
        Assert.Equal(reopened.Levels.Sum(l => l.Tables), tables); // orphans of the interrupted step were removed
        Assert.False(File.Exists(dir.File("MANIFEST.tmp")));
        output.WriteLine($"crashed at {point} #{occurrence} after {acknowledged.Count} distinct keys; reopened with {tables} tables " +
                         $"(manifest {manifest.Length} B), WAL replay: {string.Join(", ", reopened.Recovery.Select(r => $"{Path.GetFileName(r.Path)} {r.Records} records"))}");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public async Task NoAcknowledgedWriteIsLostWhenTheBackgroundCompactionCrashes()
    {
        using var dir = new TempDirectory("crash");
        var acknowledged = new Dictionary<string, byte[]?>();
        var compactions = 0;
        using (var tree = LsmTree.Open(dir.Path, LsmTestKit.Small(background: true,
                   crashAt: p => p == CrashPoints.CompactionOutputsWritten && Interlocked.Increment(ref compactions) == 3)))
        {
            var op = 0;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!tree.IsFailed)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var key = LsmTestKit.Key(op % 5000);
                var value = LsmTestKit.Value(op, op);
                try
                {
                    tree.Put(key, value);
                    acknowledged[Encoding.ASCII.GetString(key)] = value;
                }
                catch (IOException) { break; } // the tree stopped: this write was not acknowledged
                op++;
                if (op % 1000 == 0) await Task.Yield();
            }
        }
        using var reopened = LsmTree.Open(dir.Path, LsmTestKit.Small());
        LsmTestKit.AssertMatches(reopened, acknowledged);
        output.WriteLine($"background compaction crashed after {acknowledged.Count} acknowledged keys; all present after reopen");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TornWalTailIsTruncatedAndEveryCompleteRecordReplayed()
    {
        using var dir = new TempDirectory("wal");
        using (var tree = LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }))
            for (var i = 0; i < 100; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
        var wal = Directory.GetFiles(dir.Path, "*.log").Single();
        var length = new FileInfo(wal).Length;
        // A crash in the middle of the last write: half a record, then nothing.
        using (var f = new FileStream(wal, FileMode.Open, FileAccess.Write))
            f.SetLength(length - 10);
        using var reopened = LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false });
        var recovery = reopened.Recovery.Single();
        Assert.Equal(99, recovery.Records);
        Assert.True(recovery.TruncatedBytes > 0);
        for (var i = 0; i < 99; i++) Assert.Equal(LsmTestKit.Value(i, 0), reopened.Get(LsmTestKit.Key(i)));
        Assert.Null(reopened.Get(LsmTestKit.Key(99)));
        output.WriteLine($"WAL of {length} B cut by 10 B: {recovery.Records} records replayed, {recovery.TruncatedBytes} torn bytes truncated at offset {recovery.ValidBytes}");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptRecordInsideTheWalIsReportedNotSkipped()
    {
        using var dir = new TempDirectory("wal");
        using (var tree = LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }))
            for (var i = 0; i < 50; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
        var wal = Directory.GetFiles(dir.Path, "*.log").Single();
        var bytes = File.ReadAllBytes(wal);
        bytes[20] ^= 0xFF; // inside the first record's payload
        File.WriteAllBytes(wal, bytes);
        var error = Assert.Throws<CorruptionException>(() => LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }));
        Assert.Equal(wal, error.File);
        Assert.Equal(0, error.Offset);
        Assert.Equal(bytes.Length, new FileInfo(wal).Length); // nothing was truncated away
        output.WriteLine(error.Message);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptDataBlockIsReportedWithFileAndOffsetNeverReturned()
    {
        using var dir = new TempDirectory("sst");
        var options = new LsmOptions { BackgroundMaintenance = false, BlockBytes = 1024 };
        using (var tree = LsmTree.Open(dir.Path, options))
        {
            for (var i = 0; i < 2000; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
            tree.Flush();
        }
        var table = Directory.GetFiles(dir.Path, "*.sst").Single();
        var bytes = File.ReadAllBytes(table);
        const int corruptAt = 3000; // inside the third 1 KiB data block
        bytes[corruptAt] ^= 0x01;
        File.WriteAllBytes(table, bytes);
        using var reopened = LsmTree.Open(dir.Path, options); // footer, index and filter are intact
        var failures = new List<CorruptionException>();
        var good = 0;
        for (var i = 0; i < 2000; i++)
        {
            try
            {
                Assert.Equal(LsmTestKit.Value(i, 0), reopened.Get(LsmTestKit.Key(i)));
                good++;
            }
            catch (CorruptionException e) { failures.Add(e); }
        }
        Assert.NotEmpty(failures);
        Assert.All(failures, e =>
        {
            Assert.Equal(table, e.File);
            Assert.InRange(e.Offset, corruptAt - 1100, corruptAt);
            Assert.Contains("CRC-32C", e.Problem, StringComparison.Ordinal);
        });
        Assert.Equal(2000, good + failures.Count);
        Assert.Throws<CorruptionException>(() => reopened.Scan().Count());
        output.WriteLine($"{failures.Count} lookups hit the corrupt block ({failures[0].Message}); {good} others read correctly");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptFooterIsReportedWhenTheTableIsOpened()
    {
        using var dir = new TempDirectory("sst");
        using (var tree = LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }))
        {
            for (var i = 0; i < 500; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
            tree.Flush();
        }
        var table = Directory.GetFiles(dir.Path, "*.sst").Single();
        var bytes = File.ReadAllBytes(table);
        var footerOffset = bytes.Length - 48;
        bytes[footerOffset + 2] ^= 0x40; // the bloom filter offset
        File.WriteAllBytes(table, bytes);
        var error = Assert.Throws<CorruptionException>(() => LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }));
        Assert.Equal(table, error.File);
        Assert.Equal(footerOffset, error.Offset);
        Assert.Contains("footer checksum", error.Problem, StringComparison.Ordinal);
        output.WriteLine(error.Message);
    }
}
