using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench's readwhilewriting: the benchmark thread reads 100,000 random present keys while one writer
/// thread overwrites random keys of the same store as fast as it can (WAL not fsynced), so reads meet memtable
/// switches, flushes and compactions. The writer starts before each iteration and stops after it, the same way for both
/// engines; its write rate is recorded beside the read timings. RocksDB is the baseline; the mean is per read.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(StorageBenchConfig))]
public class LsmVsRocksDbReadWhileWritingBenchmarks
{
    public const int Reads = 100_000;

    private LoadedStores _stores = null!;
    private byte[][] _hits = [];
    private byte[][] _values = [];
    private Thread? _writer;
    private volatile bool _stop;
    private long _writes;
    private DateTime _started;
    private readonly WriteOptions _rocksWrite = StorageEngines.RocksWriteOptions(fsync: false);

    [GlobalSetup]
    public void Setup()
    {
        _stores = new LoadedStores(compacted: false, seed: 451);
        var random = new Random(453);
        _hits = Enumerable.Range(0, Reads).Select(_ => LoadedStores.PresentKey(random)).ToArray();
        _values = DbBenchKeys.ValuePool(4096, 454);
    }

    private void StartWriter(Action<byte[], byte[]> put)
    {
        _stop = false;
        _writes = 0;
        _writer = new Thread(() =>
        {
            var random = new Random(455);
            while (!_stop)
            {
                put(LoadedStores.PresentKey(random), _values[random.Next(_values.Length)]);
                _writes++;
            }
        }) { IsBackground = true, Name = "readwhilewriting-writer" };
        _started = DateTime.UtcNow;
        _writer.Start();
    }

    private void StopWriter(string engine)
    {
        _stop = true;
        _writer?.Join();
        var seconds = (DateTime.UtcNow - _started).TotalSeconds;
        StorageCounters.Record("readwhilewriting", engine, "writes per second by the writer thread during the reads", _writes / seconds, "writes/s");
    }

    [IterationSetup(Target = nameof(RocksReadWhileWriting))]
    public void StartRocksWriter() => StartWriter((k, v) => _stores.Rocks.Db.Put(k, v, null, _rocksWrite));

    [IterationCleanup(Target = nameof(RocksReadWhileWriting))]
    public void StopRocksWriter() => StopWriter("RocksDB");

    [IterationSetup(Target = nameof(LsmReadWhileWriting))]
    public void StartLsmWriter() => StartWriter((k, v) => _stores.Lsm.Put(k, v));

    [IterationCleanup(Target = nameof(LsmReadWhileWriting))]
    public void StopLsmWriter() => StopWriter("LSM tree");

    [GlobalCleanup]
    public void Cleanup() => _stores.Dispose();

    [BenchmarkCategory("readwhilewriting"), Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public long RocksReadWhileWriting()
    {
        long found = 0;
        foreach (var key in _hits) found += _stores.Rocks.Db.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"RocksDB found {found} of {Reads} present keys");
    }

    [BenchmarkCategory("readwhilewriting"), Benchmark(OperationsPerInvoke = Reads)]
    public long LsmReadWhileWriting()
    {
        long found = 0;
        foreach (var key in _hits) found += _stores.Lsm.Get(key) is null ? 0 : 1;
        return found == Reads ? found : throw new InvalidOperationException($"LSM found {found} of {Reads} present keys");
    }
}
