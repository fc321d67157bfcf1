using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>The LSM tree on the operating system's file system: reads, scans, tombstones, compaction, concurrency and group commit.</summary>
public sealed class LsmTreeTests(ITestOutputHelper output)
{
    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomOperationsMatchSortedDictionaryThroughFlushesAndCompactions(bool background)
    {
        using var dir = new TempDirectory("lsm");
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var random = new Random(2024);
        using (var tree = LsmTree.Open(dir.Path, LsmTestKit.Small(background)))
        {
            for (var op = 0; op < 12_000; op++)
            {
                var i = random.Next(4000);
                var key = LsmTestKit.Key(i);
                if (random.Next(10) < 7)
                {
                    var value = LsmTestKit.Value(i, op);
                    tree.Put(key, value);
                    model[key] = value;
                }
                else
                {
                    tree.Delete(key);
                    model.Remove(key);
                }
                if (op % 997 == 0)
                {
                    var probe = LsmTestKit.Key(random.Next(4000));
                    Assert.Equal(model.GetValueOrDefault(probe), tree.Get(probe));
                }
            }
            tree.WaitForCompactions();
            var stats = tree.Statistics;
            Assert.True(stats.Flushes > 5 && stats.Compactions > 2, $"{stats.Flushes} flushes, {stats.Compactions} compactions");
            AssertSameContents(model, tree);
            // A range scan agrees too.
            var from = LsmTestKit.Key(1000);
            var to = LsmTestKit.Key(1200);
            Assert.Equal(model.Where(kv => ByteArrayComparer.Instance.Compare(kv.Key, from) >= 0 && ByteArrayComparer.Instance.Compare(kv.Key, to) < 0).Select(kv => kv.Key).ToList(),
                tree.Scan(from, to).Select(kv => kv.Key).ToList());
            output.WriteLine($"{(background ? "background" : "inline")}: {stats.Flushes} flushes, {stats.Compactions} compactions, " +
                             $"write amplification {stats.WriteAmplification:0.00} (tables {stats.TableWriteAmplification:0.00}), levels " +
                             string.Join(" ", tree.Levels.Select(l => $"{l.Tables}/{l.Bytes / 1024}K")));
        }
        // Reopen: the WAL and the manifest bring back the same contents.
        using (var reopened = LsmTree.Open(dir.Path, LsmTestKit.Small(background)))
        {
            AssertSameContents(model, reopened);
            reopened.CompactAll();
            AssertSameContents(model, reopened);
            var levels = reopened.Levels;
            Assert.Equal(1, levels.Count(l => l.Tables > 0));
            Assert.True(reopened.Statistics.TombstonesDropped > 0, "a full compaction to the last level must drop tombstones");
        }
    }

    private static void AssertSameContents(SortedDictionary<byte[], byte[]> model, LsmTree tree)
    {
        var scanned = tree.Scan().ToList();
        Assert.Equal(model.Count, scanned.Count);
        var i = 0;
        foreach (var (key, value) in model)
        {
            Assert.True(key.AsSpan().SequenceEqual(scanned[i].Key), $"entry {i}: key {Encoding.ASCII.GetString(key)} vs {Encoding.ASCII.GetString(scanned[i].Key)}");
            Assert.True(value.AsSpan().SequenceEqual(scanned[i].Value));
            Assert.Equal(value, tree.Get(key));
            i++;
        }
    }

    [Fact]
    [Goal("1.1.4-1")]
    public async Task ConcurrentWritersAndReadersSeeEveryAcknowledgedWrite()
    {
        using var dir = new TempDirectory("lsm");
        using var tree = LsmTree.Open(dir.Path, LsmTestKit.Small(background: true));
        const int writers = 4, perWriter = 3000;
        var readerErrors = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var random = new Random(5);
            while (!stop.IsCancellationRequested)
            {
                // A key once written is never deleted here: a reader that saw it must keep seeing it.
                var w = random.Next(writers);
                var i = random.Next(50);
                var key = LsmTestKit.Key(w * perWriter + i);
                var first = tree.Get(key);
                if (first is not null && tree.Get(key) is null) Interlocked.Increment(ref readerErrors);
            }
        });
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < perWriter; i++) tree.Put(LsmTestKit.Key(w * perWriter + i), LsmTestKit.Value(w * perWriter + i, 0));
        })).ToArray();
        await Task.WhenAll(tasks);
        await stop.CancelAsync();
        await reader;
        tree.WaitForCompactions();
        Assert.Equal(0, readerErrors);
        for (var k = 0; k < writers * perWriter; k++) Assert.Equal(LsmTestKit.Value(k, 0), tree.Get(LsmTestKit.Key(k)));
        Assert.Equal(writers * perWriter, tree.Scan().Count());
        var stats = tree.Statistics;
        output.WriteLine($"{stats.Puts} puts in {stats.WriteGroups} WAL groups, {stats.Flushes} flushes, {stats.Compactions} compactions, {stats.WriteStalls} stalls");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public async Task GroupCommitSharesOneFsyncBetweenConcurrentWriters()
    {
        using var dir = new TempDirectory("lsm");
        using var tree = LsmTree.Open(dir.Path, new LsmOptions { WalSync = WalSyncMode.Fsync, BackgroundMaintenance = false });
        const int writers = 8, perWriter = 200;
        using var start = new Barrier(writers);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perWriter; i++) tree.Put(LsmTestKit.Key(w * perWriter + i), LsmTestKit.Value(i, w));
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);
        var stats = tree.Statistics;
        output.WriteLine($"{stats.Puts} fsynced puts, {stats.WalSyncs} fsyncs: {stats.WritesPerGroup:0.00} writes per group");
        Assert.Equal(writers * perWriter, stats.Puts);
        Assert.Equal(stats.WriteGroups, stats.WalSyncs);
        Assert.True(stats.WalSyncs < stats.Puts, "with 8 concurrent writers some fsyncs must have been shared");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AbsentKeysAreMostlyAnsweredByBloomFilters()
    {
        using var dir = new TempDirectory("lsm");
        using var tree = LsmTree.Open(dir.Path, LsmTestKit.Small() with { MemtableBytes = 64 * 1024 });
        for (var i = 0; i < 20_000; i += 2) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0)); // even keys only
        tree.Flush();
        var before = tree.Statistics;
        for (var i = 1; i < 20_000; i += 2) Assert.Null(tree.Get(LsmTestKit.Key(i))); // odd keys: absent, but inside the tables' ranges
        var misses = tree.Statistics.Minus(before);
        before = tree.Statistics;
        for (var i = 0; i < 20_000; i += 2) Assert.NotNull(tree.Get(LsmTestKit.Key(i)));
        var hits = tree.Statistics.Minus(before);
        output.WriteLine($"absent: {misses.DataBlocksPerGet:0.0000} blocks/lookup, bloom false positives {misses.BloomFalsePositiveRate:P2} of {misses.BloomChecks} probes; " +
                         $"present: {hits.DataBlocksPerGet:0.0000} blocks/lookup");
        Assert.True(misses.DataBlocksPerGet <= 1.05, $"absent keys read {misses.DataBlocksPerGet} blocks per lookup");
        Assert.True(misses.BloomFalsePositiveRate < 0.03, $"false-positive rate {misses.BloomFalsePositiveRate:P2} far above the ~1% of 10 bits per key");
        Assert.True(hits.DataBlocksPerGet is >= 1 and <= 1.05, $"present keys read {hits.DataBlocksPerGet} blocks per lookup");
    }
}
