using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1, fillrandom with every write fsynced before it is acknowledged, in both engines (db_bench's fillsync
/// runs 1/1000 of the entries; an fsync costs milliseconds here). 1 writer, or 4 concurrent writers whose
/// records share fsyncs (group commit in both engines). Both sync with fsync (RocksDB: use_fsync). 2,000 entries per
/// invocation into an empty store; the mean is per entry.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(StorageBenchConfig))]
public class LsmVsRocksDbSyncBenchmarks
{
    public const int Entries = 2_000;

    [Params(1, 4)]
    public int Writers { get; set; }

    private byte[][] _keys = [];
    private byte[][] _values = [];
    private string? _directory;
    private LsmTree? _lsm;
    private RocksEngine? _rocks;
    private readonly WriteOptions _sync = StorageEngines.RocksWriteOptions(fsync: true);

    [GlobalSetup]
    public void Setup()
    {
        var order = DbBenchKeys.Shuffled(Entries, 501);
        _keys = order.Select(DbBenchKeys.Key).ToArray();
        _values = DbBenchKeys.ValuePool(Entries, 502);
    }

    [IterationSetup(Target = nameof(LsmFillSync))]
    public void OpenLsm() => _lsm = LsmTree.Open(_directory = StorageEngines.FreshDirectory("lsm-sync"), StorageEngines.LsmOptions(fsync: true));

    [IterationSetup(Target = nameof(RocksFillSync))]
    public void OpenRocks() => _rocks = StorageEngines.OpenRocksDb(_directory = StorageEngines.FreshDirectory("rocks-sync"));

    [IterationCleanup]
    public void Close()
    {
        if (_lsm is not null)
        {
            var s = _lsm.Statistics;
            StorageCounters.Record($"fillsync, {Writers} writer(s)", "LSM tree", "writes per fsync (group commit)", s.WritesPerGroup, "writes");
            _lsm.Dispose();
        }
        _rocks?.Dispose();
        _lsm = null;
        _rocks = null;
        StorageEngines.Remove(_directory);
    }

    private void RunWriters(Action<int> write)
    {
        var per = Entries / Writers;
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            for (var i = w * per; i < (w + 1) * per; i++) write(i);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [BenchmarkCategory("fillsync"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public void RocksFillSync() => RunWriters(i => _rocks!.Db.Put(_keys[i], _values[i], null, _sync));

    [BenchmarkCategory("fillsync"), Benchmark(OperationsPerInvoke = Entries)]
    public void LsmFillSync() => RunWriters(i => _lsm!.Put(_keys[i], _values[i]));
}
