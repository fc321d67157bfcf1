using RocksDbSharp;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// The LSM tree and RocksDB with the same shape: 16 MiB memtable (one immutable one behind it), 4 KiB blocks,
/// bloom filters of 10 bits per key, no compression, level 0 compacted at 4 tables and writes stopped at 12,
/// level 1 of 64 MiB growing 10× per level, 8 MiB tables; WAL on, fsynced per write group or not at all.
/// RocksDB keeps its own defaults otherwise (2 background jobs, its 32 MiB block cache); the LSM tree has one
/// background thread and no block cache (blocks come from the OS page cache).
/// </summary>
public static class StorageEngines
{
    public const int MemtableBytes = 16 << 20;

    public static LsmOptions LsmOptions(bool fsync) => new()
    {
        MemtableBytes = MemtableBytes,
        BlockBytes = 4096,
        BloomBitsPerKey = 10,
        Level0CompactionTrigger = 4,
        Level0StopWritesTrigger = 12,
        Level1MaxBytes = 64L << 20,
        LevelSizeMultiplier = 10,
        TargetFileBytes = 8L << 20,
        WalSync = fsync ? WalSyncMode.Fsync : WalSyncMode.NoSync,
        BackgroundMaintenance = true,
    };

    public static RocksDb OpenRocksDb(string path)
    {
        var table = new BlockBasedTableOptions()
            .SetBlockSize(4096)
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false));
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetWriteBufferSize(MemtableBytes)
            .SetMaxWriteBufferNumber(2)
            .SetCompression(Compression.No)
            .SetLevel0FileNumCompactionTrigger(4)
            .SetLevel0SlowdownWritesTrigger(12)
            .SetLevel0StopWritesTrigger(12)
            .SetMaxBytesForLevelBase(64UL << 20)
            .SetMaxBytesForLevelMultiplier(10)
            .SetTargetFileSizeBase(8UL << 20)
            .SetBlockBasedTableFactory(table);
        return RocksDb.Open(options, path);
    }

    public static WriteOptions RocksWriteOptions(bool fsync) => new WriteOptions().SetSync(fsync);

    public static string FreshDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "sm-bench-storage", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Remove(string? path)
    {
        if (path is not null && Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
