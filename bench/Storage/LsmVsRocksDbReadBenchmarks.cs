using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench style reads over 1,000,000 entries (<see cref="LoadedStores"/>): readrandom of present keys (hits)
/// and of absent keys inside the tables' ranges (misses), seekrandom (a new iterator per seek, as db_bench does, in both
/// engines; it reads one entry), a range scan (10 seeks × 10,000 entries), readseq (the whole store forward) and
/// readreverse (the whole store backward). <see cref="Compacted"/> = false: the tables as the background compactions left
/// them; true: after a full manual compaction. RocksDB is the baseline; the mean is per lookup, seek or entry.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(StorageBenchConfig))]
public class LsmVsRocksDbReadBenchmarks
{
    public const int Entries = LoadedStores.Entries;
    public const int Reads = 100_000;
    public const int ScanEntries = 10_000;
    public const int Scans = 10;

    [Params(false, true)]
    public bool Compacted { get; set; }

    private LoadedStores _stores = null!;
    private byte[][] _hits = [];
    private byte[][] _misses = [];
    private byte[][] _scanStarts = [];
    private LsmStats? _before;
    private string _workload = "";

    [GlobalSetup]
    public void Setup()
    {
        _stores = new LoadedStores(Compacted, seed: 401);
        var random = new Random(403);
        _hits = Enumerable.Range(0, Reads).Select(_ => LoadedStores.PresentKey(random)).ToArray();
        _misses = Enumerable.Range(0, Reads).Select(_ => LoadedStores.AbsentKey(random)).ToArray();
        _scanStarts = Enumerable.Range(0, Scans).Select(_ => DbBenchKeys.Key(2L * random.Next(Entries - ScanEntries))).ToArray();
    }

    [IterationSetup(Targets = [nameof(LsmReadRandomHit), nameof(LsmReadRandomMiss)])]
    public void Snapshot() => _before = _stores.Lsm.Statistics;

    [IterationCleanup(Targets = [nameof(LsmReadRandomHit), nameof(LsmReadRandomMiss)])]
    public void Record()
    {
        var s = _stores.Lsm.Statistics.Minus(_before!);
        var name = $"{_workload}, compacted={Compacted}";
        StorageCounters.Record(name, "LSM tree", "data blocks read per lookup", s.DataBlocksPerGet, "blocks");
        StorageCounters.Record(name, "LSM tree", "bloom filter false-positive rate", s.BloomFalsePositiveRate * 100, "%");
        StorageCounters.Record(name, "LSM tree", "tables probed per lookup", (double)s.BloomChecks / Math.Max(1, s.Gets), "tables");
    }

    [GlobalCleanup]
    public void Cleanup() => _stores.Dispose();

    [BenchmarkCategory("readrandom-hit"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksReadRandomHit()
    {
        long found = 0;
        foreach (var key in _hits) found += _stores.Rocks.Db.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"RocksDB found {found} of {Reads} present keys");
    }

    [BenchmarkCategory("readrandom-hit"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmReadRandomHit()
    {
        _workload = "readrandom-hit";
        long found = 0;
        foreach (var key in _hits) found += _stores.Lsm.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"LSM found {found} of {Reads} present keys");
    }

    [BenchmarkCategory("readrandom-miss"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksReadRandomMiss()
    {
        long found = 0;
        foreach (var key in _misses) found += _stores.Rocks.Db.Get(key) is null ? 0 : 1;
        return found == 0 ? found : throw new InvalidOperationException($"RocksDB found {found} absent keys");
    }

    [BenchmarkCategory("readrandom-miss"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmReadRandomMiss()
    {
        _workload = "readrandom-miss";
        long found = 0;
        foreach (var key in _misses) found += _stores.Lsm.Get(key) is null ? 0 : 1;
        return found == 0 ? found : throw new InvalidOperationException($"LSM found {found} absent keys");
    }

    [BenchmarkCategory("seekrandom"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksSeekRandom()
    {
        long bytes = 0;
        foreach (var key in _hits)
        {
            using var it = _stores.Rocks.Db.NewIterator();
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
            foreach (var kv in _stores.Lsm.Scan(key).Take(1)) // a new merging iterator per seek
                bytes += kv.Value.Length;
        return bytes;
    }

    [BenchmarkCategory("scan"), Benchmark(Baseline = true, OperationsPerInvoke = Scans * ScanEntries)]
    public long RocksRangeScan()
    {
        long bytes = 0;
        foreach (var start in _scanStarts)
        {
            using var it = _stores.Rocks.Db.NewIterator();
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
            foreach (var kv in _stores.Lsm.Scan(start).Take(ScanEntries))
                bytes += kv.Key.Length + kv.Value.Length;
        return bytes;
    }

    [BenchmarkCategory("readseq"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public long RocksReadSeq()
    {
        long n = 0;
        using var it = _stores.Rocks.Db.NewIterator();
        for (it.SeekToFirst(); it.Valid(); it.Next()) n += it.GetKeySpan().Length + it.GetValueSpan().Length > 0 ? 1 : 0;
        return n == Entries ? n : throw new InvalidOperationException($"RocksDB read {n} of {Entries} entries");
    }

    [BenchmarkCategory("readseq"), Benchmark(OperationsPerInvoke = Entries)]
    public long LsmReadSeq()
    {
        long n = 0;
        foreach (var kv in _stores.Lsm.Scan()) n += kv.Key.Length + kv.Value.Length > 0 ? 1 : 0;
        return n == Entries ? n : throw new InvalidOperationException($"LSM read {n} of {Entries} entries");
    }

    [BenchmarkCategory("readreverse"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public long RocksReadReverse()
    {
        long n = 0;
        using var it = _stores.Rocks.Db.NewIterator();
        for (it.SeekToLast(); it.Valid(); it.Prev()) n += it.GetKeySpan().Length + it.GetValueSpan().Length > 0 ? 1 : 0;
        return n == Entries ? n : throw new InvalidOperationException($"RocksDB read {n} of {Entries} entries");
    }

    [BenchmarkCategory("readreverse"), Benchmark(OperationsPerInvoke = Entries)]
    public long LsmReadReverse()
    {
        long n = 0;
        foreach (var kv in _stores.Lsm.ScanReverse()) n += kv.Key.Length + kv.Value.Length > 0 ? 1 : 0;
        return n == Entries ? n : throw new InvalidOperationException($"LSM read {n} of {Entries} entries");
    }
}
