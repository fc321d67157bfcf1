using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// Both engines loaded the same way for the read suites: 1,000,000 entries (the even numbers 0, 2, 4 …, so that odd
/// numbers are absent keys inside the tables' ranges) written in one random order, flushed, optionally compacted into
/// one sorted run (db_bench's "compact"), and every background job finished, all untimed.
/// </summary>
public sealed class LoadedStores : IDisposable
{
    public const int Entries = 1_000_000;

    private readonly List<string> _directories = [];

    public LoadedStores(bool compacted, int seed)
    {
        var values = DbBenchKeys.ValuePool(4096, seed);
        var order = DbBenchKeys.Shuffled(Entries, seed + 1);
        var lsmDir = StorageEngines.FreshDirectory("lsm-read");
        var rocksDir = StorageEngines.FreshDirectory("rocks-read");
        _directories.AddRange([lsmDir, rocksDir]);
        Lsm = LsmTree.Open(lsmDir, StorageEngines.LsmOptions(fsync: false));
        Rocks = StorageEngines.OpenRocksDb(rocksDir);
        var write = StorageEngines.RocksWriteOptions(fsync: false);
        for (var i = 0; i < Entries; i++)
        {
            var key = DbBenchKeys.Key(2 * order[i]);
            Lsm.Put(key, values[i & 4095]);
            Rocks.Db.Put(key, values[i & 4095], null, write);
        }
        Lsm.Flush();
        Rocks.Db.Flush(new RocksDbSharp.FlushOptions().SetWaitForFlush(true));
        if (compacted)
        {
            Lsm.CompactAll();
            Rocks.Db.CompactRange((byte[]?)null, null);
        }
        Lsm.WaitForCompactions();
        Rocks.WaitForCompactions();
        var levels = string.Join(" ", Lsm.Levels.Select((l, i) => $"L{i}:{l.Tables}"));
        StorageCounters.Record($"read set-up, compacted={compacted}", "LSM tree", $"tables per level ({levels})", Lsm.Levels.Sum(l => l.Tables), "tables");
        var rocksLevels = Enumerable.Range(0, 7).Select(l => long.Parse(Rocks.Db.GetProperty($"rocksdb.num-files-at-level{l}") ?? "0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        StorageCounters.Record($"read set-up, compacted={compacted}", "RocksDB", $"tables per level ({string.Join(" ", rocksLevels.Select((n, i) => $"L{i}:{n}"))})", rocksLevels.Sum(), "tables");
    }

    public LsmTree Lsm { get; }
    public RocksEngine Rocks { get; }

    public static byte[] PresentKey(Random random) => DbBenchKeys.Key(2L * random.Next(Entries));

    public static byte[] AbsentKey(Random random) => DbBenchKeys.Key(2L * random.Next(Entries) + 1);

    public void Dispose()
    {
        Lsm.Dispose();
        Rocks.Dispose();
        foreach (var d in _directories) StorageEngines.Remove(d);
    }
}
