using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>
/// Scans are snapshots: every write carries a sequence number, and a scan (or an <see cref="LsmSnapshot"/>) shows the
/// tree as of one sequence number while writes, flushes and compactions go on. Checked against a model: the history of
/// writes, replayed up to the snapshot's sequence number.
/// </summary>
public sealed class SnapshotTests(ITestOutputHelper output)
{
    private const int Keys = 300;

    private static byte[] K(int i) => Encoding.ASCII.GetBytes($"k{i:D4}");

    /// <summary>A scan is open, half read; the same thread then overwrites keys ahead of the cursor and deletes others.
    /// Null when the rest of the scan shows none of it.</summary>
    internal static string? CheckScanIgnoresLaterWrites(StorageBug bug)
    {
        var disk = new FaultInjectionFileSystem();
        using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, new LsmOptions { BackgroundMaintenance = false, Bug = bug }.On(disk));
        for (var i = 0; i < Keys; i++) tree.Put(K(i), "before"u8);
        using var scan = tree.Scan().GetEnumerator();
        for (var i = 0; i < Keys / 2; i++) scan.MoveNext();
        for (var i = Keys / 2; i < Keys; i += 2) tree.Put(K(i), "after"u8);
        for (var i = Keys / 2 + 1; i < Keys; i += 2) tree.Delete(K(i));
        tree.Put("k9999"u8, "new"u8);
        var rest = new List<string>();
        while (scan.MoveNext()) rest.Add($"{Encoding.ASCII.GetString(scan.Current.Key)}={Encoding.ASCII.GetString(scan.Current.Value)}");
        var expected = Enumerable.Range(Keys / 2, Keys / 2).Select(i => $"k{i:D4}=before").ToList();
        return rest.SequenceEqual(expected) ? null
            : $"the second half of the scan shows {rest.Count(r => r.EndsWith("=after", StringComparison.Ordinal))} later overwrites, " +
              $"{Keys / 2 - rest.Count + (rest.Contains("k9999=new") ? 1 : 0)} later deletes and {(rest.Contains("k9999=new") ? "the" : "no")} later insert";
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AScanDoesNotSeeWritesMadeWhileItRuns() => Assert.Null(CheckScanIgnoresLaterWrites(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedScanWithoutSnapshotIsCaught()
    {
        var problem = CheckScanIgnoresLaterWrites(StorageBug.ScanWithoutSnapshot);
        output.WriteLine($"planted {StorageBug.ScanWithoutSnapshot}: {problem}");
        Assert.NotNull(problem);
    }

    /// <summary>
    /// One writer thread makes seeded random puts and deletes (one at a time, so the n-th write after the load has
    /// sequence number load + n) with background flushes and compactions; meanwhile the test thread takes snapshots and
    /// scans. Each snapshot's Get and Scan must equal the model replayed to the snapshot's sequence number; each plain
    /// Scan must equal the model at some sequence number between the one before it started and the one after it ended.
    /// </summary>
    [Fact]
    [Goal("1.1.4-1")]
    public async Task ScansRacingAWriterMatchTheModelAtTheirSequenceNumber()
    {
        var disk = new FaultInjectionFileSystem();
        using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, (LsmTestKit.Small(background: true) with { MemtableBytes = 8 * 1024 }).On(disk));
        for (var i = 0; i < Keys; i++) tree.Put(K(i), "0"u8);
        var loaded = tree.LastSequence;
        var history = new List<(int Key, string? Value)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(77);
            for (var n = 1; !stop.IsCancellationRequested && n < 200_000; n++)
            {
                var k = random.Next(Keys);
                string? value = random.Next(8) == 0 ? null : $"{n}";
                lock (history) history.Add((k, value));
                if (value is null) tree.Delete(K(k));
                else tree.Put(K(k), Encoding.ASCII.GetBytes(value));
            }
        }, TaskCreationOptions.LongRunning);
        var snapshots = new List<(long Sequence, Dictionary<int, string> Scan, Dictionary<int, string?> Gets)>();
        var scans = new List<(long From, long To, Dictionary<int, string> Scan)>();
        var random = new Random(78);
        while (snapshots.Count + scans.Count < 120)
        {
            if (snapshots.Count <= scans.Count)
            {
                using var snapshot = tree.Snapshot();
                var gets = Enumerable.Range(0, 20).Select(_ => random.Next(Keys)).Distinct()
                    .ToDictionary(k => k, k => snapshot.Get(K(k)) is { } v ? Encoding.ASCII.GetString(v) : null);
                snapshots.Add((snapshot.Sequence, Parse(snapshot.Scan()), gets));
            }
            else
            {
                var from = tree.LastSequence;
                var scan = Parse(tree.Scan());
                scans.Add((from, tree.LastSequence, scan));
            }
        }
        await stop.CancelAsync();
        await writer;
        var stats = tree.Statistics;
        output.WriteLine($"{history.Count:N0} writes raced {snapshots.Count} snapshots and {scans.Count} scans; {stats.Flushes} flushes, {stats.Compactions} compactions");
        Assert.True(stats.Flushes > 3 && stats.Compactions > 0, "the scans must have raced flushes and compactions");

        var model = Enumerable.Range(0, Keys).ToDictionary(k => k, _ => "0");
        var applied = loaded;
        void ReplayTo(long sequence)
        {
            for (; applied < sequence; applied++)
            {
                var (k, v) = history[(int)(applied - loaded)];
                if (v is null) model.Remove(k); else model[k] = v;
            }
        }
        foreach (var (sequence, scan, gets) in snapshots.OrderBy(s => s.Sequence))
        {
            ReplayTo(sequence);
            Assert.True(Same(model, scan), $"the snapshot at sequence {sequence} scanned a state the model never had");
            foreach (var (k, v) in gets) Assert.Equal(model.GetValueOrDefault(k), v);
        }
        model = Enumerable.Range(0, Keys).ToDictionary(k => k, _ => "0");
        applied = loaded;
        var torn = 0;
        foreach (var (from, to, scan) in scans.OrderBy(s => s.From))
        {
            ReplayTo(from);
            var matched = Same(model, scan);
            var probe = new Dictionary<int, string>(model);
            for (var s = from; !matched && s < to; s++)
            {
                var (k, v) = history[(int)(s - loaded)];
                if (v is null) probe.Remove(k); else probe[k] = v;
                matched = Same(probe, scan);
            }
            if (!matched) torn++;
        }
        Assert.Equal(0, torn);
    }

    private static Dictionary<int, string> Parse(IEnumerable<KeyValuePair<byte[], byte[]>> scan) =>
        scan.ToDictionary(kv => int.Parse(Encoding.ASCII.GetString(kv.Key)[1..], System.Globalization.CultureInfo.InvariantCulture), kv => Encoding.ASCII.GetString(kv.Value));

    private static bool Same(Dictionary<int, string> a, Dictionary<int, string> b) => a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
