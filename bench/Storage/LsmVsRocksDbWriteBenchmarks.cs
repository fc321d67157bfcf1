using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench style writes with the WAL on and not fsynced, in both engines: fillseq (keys in order) and
/// fillrandom (a random permutation of the keys); overwrite is <see cref="LsmVsRocksDbOverwriteBenchmarks"/>.
/// 1,000,000 entries of 16-byte keys and 100-byte values per invocation into an empty store; the mean is per entry.
/// After each iteration, untimed and alike for both, the engine finishes the flushes and compactions the fill caused,
/// so that the write amplification recorded counts them. RocksDB is the baseline of every category.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(StorageBenchConfig))]
public class LsmVsRocksDbWriteBenchmarks
{
    public const int Entries = 1_000_000;

    private byte[][] _keys = [];
    private long[] _order = [];
    private byte[][] _values = [];
    private string? _directory;
    private LsmTree? _lsm;
    private RocksEngine? _rocks;
    private readonly WriteOptions _rocksWrite = StorageEngines.RocksWriteOptions(fsync: false);
    private string _workload = "";

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, Entries).Select(i => DbBenchKeys.Key(i)).ToArray();
        _order = DbBenchKeys.Shuffled(Entries, 301);
        _values = DbBenchKeys.ValuePool(4096, 302);
    }

    [IterationSetup(Targets = [nameof(LsmFillSeq), nameof(LsmFillRandom)])]
    public void OpenEmptyLsm() => _lsm = LsmTree.Open(_directory = StorageEngines.FreshDirectory("lsm"), StorageEngines.LsmOptions(fsync: false));

    [IterationSetup(Targets = [nameof(RocksFillSeq), nameof(RocksFillRandom)])]
    public void OpenEmptyRocks() => _rocks = StorageEngines.OpenRocksDb(_directory = StorageEngines.FreshDirectory("rocks"));

    [IterationCleanup]
    public void Close()
    {
        if (_lsm is not null)
        {
            _lsm.WaitForCompactions();
            StorageCounters.RecordLsmWrites($"{_workload} 1M", _lsm.Statistics);
            _lsm.Dispose();
        }
        if (_rocks is not null)
        {
            _rocks.WaitForCompactions();
            StorageCounters.RecordRocksWrites($"{_workload} 1M", (0, 0, 0), _rocks.BytesWritten(), (long)Entries * DbBenchKeys.EntryBytes);
            _rocks.Dispose();
        }
        _lsm = null;
        _rocks = null;
        StorageEngines.Remove(_directory);
    }

    [BenchmarkCategory("fillseq"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public void RocksFillSeq()
    {
        _workload = "fillseq";
        for (var i = 0; i < Entries; i++) _rocks!.Db.Put(_keys[i], _values[i & 4095], null, _rocksWrite);
    }

    [BenchmarkCategory("fillseq"), Benchmark(OperationsPerInvoke = Entries)]
    public void LsmFillSeq()
    {
        _workload = "fillseq";
        for (var i = 0; i < Entries; i++) _lsm!.Put(_keys[i], _values[i & 4095]);
    }

    [BenchmarkCategory("fillrandom"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public void RocksFillRandom()
    {
        _workload = "fillrandom";
        for (var i = 0; i < Entries; i++) _rocks!.Db.Put(_keys[_order[i]], _values[i & 4095], null, _rocksWrite);
    }

    [BenchmarkCategory("fillrandom"), Benchmark(OperationsPerInvoke = Entries)]
    public void LsmFillRandom()
    {
        _workload = "fillrandom";
        for (var i = 0; i < Entries; i++) _lsm!.Put(_keys[_order[i]], _values[i & 4095]);
    }
}
