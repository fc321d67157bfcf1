using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench style writes with the WAL on and not fsynced, in both engines: fillseq (keys in order) and
/// fillrandom (a random permutation of the keys); overwrite is <see cref="LsmVsRocksDbOverwriteBenchmarks"/>.
/// 1,000,000 entries of 16-byte keys and 100-byte values per invocation; the mean is per entry.
/// RocksDB is the baseline of every category.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(LongRunInProcessConfig))]
public class LsmVsRocksDbWriteBenchmarks
{
    public const int Entries = 1_000_000;

    private byte[][] _keys = [];
    private long[] _order = [];
    private byte[][] _values = [];
    private string? _directory;
    private LsmTree? _lsm;
    private RocksDb? _rocks;
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
            // Let the compactions this workload caused finish, so that write amplification counts them.
            _lsm.WaitForCompactions();
            LsmAmplificationLog.AppendWrite($"{_workload} 1M, WAL without fsync", _lsm.Statistics);
            _lsm.Dispose();
        }
        _rocks?.Dispose();
        _lsm = null;
        _rocks = null;
        StorageEngines.Remove(_directory);
    }

    [BenchmarkCategory("fillseq"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public void RocksFillSeq()
    {
        for (var i = 0; i < Entries; i++) _rocks!.Put(_keys[i], _values[i & 4095], null, _rocksWrite);
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
        for (var i = 0; i < Entries; i++) _rocks!.Put(_keys[_order[i]], _values[i & 4095], null, _rocksWrite);
    }

    [BenchmarkCategory("fillrandom"), Benchmark(OperationsPerInvoke = Entries)]
    public void LsmFillRandom()
    {
        _workload = "fillrandom";
        for (var i = 0; i < Entries; i++) _lsm!.Put(_keys[_order[i]], _values[i & 4095]);
    }
}
