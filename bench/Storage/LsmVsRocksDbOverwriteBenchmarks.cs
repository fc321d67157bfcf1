using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, db_bench's overwrite: both engines are filled once with 1,000,000 entries (16-byte keys, 100-byte
/// values, random order); every iteration then writes all the keys again in another random order, WAL on and not
/// fsynced. Both engines get the same untimed drain: after the fill and after every iteration each finishes its
/// pending flushes and compactions before the next iteration starts. The mean is per entry; RocksDB is the baseline.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(StorageBenchConfig))]
public class LsmVsRocksDbOverwriteBenchmarks
{
    public const int Entries = 1_000_000;
    private const string Workload = "overwrite 1M over 1M";

    private byte[][] _keys = [];
    private long[] _order = [];
    private byte[][] _values = [];
    private string? _directory;
    private LsmTree? _lsm;
    private RocksEngine? _rocks;
    private LsmStats? _lsmBefore;
    private (long, long, long) _rocksBefore;
    private int _round;
    private readonly WriteOptions _rocksWrite = StorageEngines.RocksWriteOptions(fsync: false);

    [GlobalSetup(Target = nameof(LsmOverwrite))]
    public void FillLsm()
    {
        Prepare();
        _lsm = LsmTree.Open(_directory = StorageEngines.FreshDirectory("lsm-over"), StorageEngines.LsmOptions(fsync: false));
        var fill = DbBenchKeys.Shuffled(Entries, 311);
        for (var i = 0; i < Entries; i++) _lsm.Put(_keys[fill[i]], _values[i & 4095]);
        _lsm.WaitForCompactions();
    }

    [GlobalSetup(Target = nameof(RocksOverwrite))]
    public void FillRocks()
    {
        Prepare();
        _rocks = StorageEngines.OpenRocksDb(_directory = StorageEngines.FreshDirectory("rocks-over"));
        var fill = DbBenchKeys.Shuffled(Entries, 311);
        for (var i = 0; i < Entries; i++) _rocks.Db.Put(_keys[fill[i]], _values[i & 4095], null, _rocksWrite);
        _rocks.WaitForCompactions();
    }

    private void Prepare()
    {
        _keys = Enumerable.Range(0, Entries).Select(i => DbBenchKeys.Key(i)).ToArray();
        _order = DbBenchKeys.Shuffled(Entries, 312);
        _values = DbBenchKeys.ValuePool(4096, 313);
    }

    [IterationSetup(Target = nameof(LsmOverwrite))]
    public void SnapshotLsm() => _lsmBefore = _lsm!.Statistics;

    [IterationSetup(Target = nameof(RocksOverwrite))]
    public void SnapshotRocks() => _rocksBefore = _rocks!.BytesWritten();

    [IterationCleanup(Target = nameof(LsmOverwrite))]
    public void DrainLsm()
    {
        _lsm!.WaitForCompactions();
        StorageCounters.RecordLsmWrites(Workload, _lsm.Statistics.Minus(_lsmBefore!));
    }

    [IterationCleanup(Target = nameof(RocksOverwrite))]
    public void DrainRocks()
    {
        _rocks!.WaitForCompactions();
        StorageCounters.RecordRocksWrites(Workload, _rocksBefore, _rocks.BytesWritten(), (long)Entries * DbBenchKeys.EntryBytes);
    }

    [GlobalCleanup]
    public void Close()
    {
        _lsm?.Dispose();
        _rocks?.Dispose();
        _lsm = null;
        _rocks = null;
        StorageEngines.Remove(_directory);
    }

    [BenchmarkCategory("overwrite"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public void RocksOverwrite()
    {
        var round = _round++;
        for (var i = 0; i < Entries; i++) _rocks!.Db.Put(_keys[_order[i]], _values[(i + round) & 4095], null, _rocksWrite);
    }

    [BenchmarkCategory("overwrite"), Benchmark(OperationsPerInvoke = Entries)]
    public void LsmOverwrite()
    {
        var round = _round++;
        for (var i = 0; i < Entries; i++) _lsm!.Put(_keys[_order[i]], _values[(i + round) & 4095]);
    }
}
