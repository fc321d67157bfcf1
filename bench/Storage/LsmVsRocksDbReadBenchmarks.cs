using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench style reads over 1,000,000 entries (16-byte keys, 100-byte values) loaded in random order
/// and flushed: readrandom of present keys (hits) and of absent keys that fall inside the tables' key ranges
/// (misses: only even numbers are stored, odd ones are asked), seekrandom (seek and read one entry) and a
/// range scan (10 seeks × 10,000 entries). <see cref="Compacted"/> = false: the tables as the background
/// compactions left them; true: after a full manual compaction (db_bench's "compact"). RocksDB is the baseline.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(Columns))]
public class LsmVsRocksDbReadBenchmarks
{
    public const int Entries = 1_000_000;
    public const int Reads = 100_000;
    public const int ScanEntries = 10_000;
    public const int Scans = 10;

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new ThroughputColumn(DbBenchKeys.EntryBytes));
    }

    [Params(false, true)]
    public bool Compacted { get; set; }

    private readonly List<string> _directories = [];
    private LsmTree _lsm = null!;
    private RocksDb _rocks = null!;
    private byte[][] _hits = [];
    private byte[][] _misses = [];
    private byte[][] _scanStarts = [];

    [GlobalSetup]
    public void Setup()
    {
        var values = DbBenchKeys.ValuePool(4096, 401);
        var order = DbBenchKeys.Shuffled(Entries, 402);
        var lsmDir = StorageEngines.FreshDirectory("lsm-read");
        var rocksDir = StorageEngines.FreshDirectory("rocks-read");
        _directories.AddRange([lsmDir, rocksDir]);
        _lsm = LsmTree.Open(lsmDir, StorageEngines.LsmOptions(fsync: false));
        _rocks = StorageEngines.OpenRocksDb(rocksDir);
        var write = StorageEngines.RocksWriteOptions(fsync: false);
        for (var i = 0; i < Entries; i++)
        {
            var key = DbBenchKeys.Key(2 * order[i]);
            _lsm.Put(key, values[i & 4095]);
            _rocks.Put(key, values[i & 4095], null, write);
        }
        _lsm.Flush();
        _rocks.Flush(new FlushOptions().SetWaitForFlush(true));
        if (Compacted)
        {
            _lsm.CompactAll();
            _rocks.CompactRange((byte[]?)null, null);
        }
        _lsm.WaitForCompactions();
        WaitForRocksCompactions();
        var random = new Random(403);
        _hits = Enumerable.Range(0, Reads).Select(_ => DbBenchKeys.Key(2L * random.Next(Entries))).ToArray();
        _misses = Enumerable.Range(0, Reads).Select(_ => DbBenchKeys.Key(2L * random.Next(Entries) + 1)).ToArray();
        _scanStarts = Enumerable.Range(0, Scans).Select(_ => DbBenchKeys.Key(2L * random.Next(Entries - ScanEntries))).ToArray();
        var levels = string.Join(" ", _lsm.Levels.Select((l, i) => $"L{i}:{l.Tables}"));
        LsmAmplificationLog.Append($"read setup, compacted={Compacted}", $"LSM tables per level ({levels})", _lsm.Levels.Sum(l => l.Tables), "tables");
    }

    private void WaitForRocksCompactions()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline &&
               (_rocks.GetProperty("rocksdb.compaction-pending") != "0" || _rocks.GetProperty("rocksdb.num-running-compactions") != "0"))
            Thread.Sleep(50); // polling a background engine from a benchmark setup, not test synchronisation
    }

    private LsmStats? _before;
    private string _workload = "";

    [IterationSetup(Targets = [nameof(LsmReadRandomHit), nameof(LsmReadRandomMiss)])]
    public void Snapshot() => _before = _lsm.Statistics;

    [IterationCleanup(Targets = [nameof(LsmReadRandomHit), nameof(LsmReadRandomMiss)])]
    public void Record()
    {
        var s = _lsm.Statistics.Minus(_before!);
        var name = $"{_workload}, compacted={Compacted}";
        LsmAmplificationLog.Append(name, "data blocks read per lookup", s.DataBlocksPerGet, "blocks");
        LsmAmplificationLog.Append(name, "bloom filter false-positive rate", s.BloomFalsePositiveRate * 100, "%");
        LsmAmplificationLog.Append(name, "tables probed per lookup", (double)s.BloomChecks / Math.Max(1, s.Gets), "tables");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lsm.Dispose();
        _rocks.Dispose();
        foreach (var d in _directories) StorageEngines.Remove(d);
        _directories.Clear();
    }

    [BenchmarkCategory("readrandom-hit"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksReadRandomHit()
    {
        long found = 0;
        foreach (var key in _hits) found += _rocks.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"RocksDB found {found} of {Reads} present keys");
    }

    [BenchmarkCategory("readrandom-hit"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmReadRandomHit()
    {
        _workload = "readrandom-hit";
        long found = 0;
        foreach (var key in _hits) found += _lsm.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"LSM found {found} of {Reads} present keys");
    }

    [BenchmarkCategory("readrandom-miss"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksReadRandomMiss()
    {
        long found = 0;
        foreach (var key in _misses) found += _rocks.Get(key) is null ? 0 : 1;
        return found == 0 ? found : throw new InvalidOperationException($"RocksDB found {found} absent keys");
    }

    [BenchmarkCategory("readrandom-miss"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmReadRandomMiss()
    {
        _workload = "readrandom-miss";
        long found = 0;
        foreach (var key in _misses) found += _lsm.Get(key) is null ? 0 : 1;
        return found == 0 ? found : throw new InvalidOperationException($"LSM found {found} absent keys");
    }

    [BenchmarkCategory("seekrandom"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksSeekRandom()
    {
        long bytes = 0;
        using var it = _rocks.NewIterator();
        foreach (var key in _hits)
        {
            it.Seek(key);
            if (it.Valid()) bytes += it.GetValueSpan().Length;
        }
        return bytes;
    }

    [BenchmarkCategory("seekrandom"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmSeekRandom()
    {
        long bytes = 0;
        foreach (var key in _hits)
            foreach (var kv in _lsm.Scan(key).Take(1))
                bytes += kv.Value.Length;
        return bytes;
    }

    [BenchmarkCategory("scan"), Benchmark(Baseline = true, OperationsPerInvoke = Scans * ScanEntries)]
    public long RocksRangeScan()
    {
        long bytes = 0;
        foreach (var start in _scanStarts)
        {
            using var it = _rocks.NewIterator();
            it.Seek(start);
            for (var n = 0; n < ScanEntries && it.Valid(); n++, it.Next()) bytes += it.GetKeySpan().Length + it.GetValueSpan().Length;
        }
        return bytes;
    }

    [BenchmarkCategory("scan"), Benchmark(OperationsPerInvoke = Scans * ScanEntries)]
    public long LsmRangeScan()
    {
        long bytes = 0;
        foreach (var start in _scanStarts)
            foreach (var kv in _lsm.Scan(start).Take(ScanEntries))
                bytes += kv.Key.Length + kv.Value.Length;
        return bytes;
    }
}
