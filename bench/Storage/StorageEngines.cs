using RocksDbSharp;
using StatelessMind.Harness;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// The LSM tree and RocksDB with the same shape and the same treatment: 16 MiB memtable (one immutable one behind it),
/// 4 KiB blocks, bloom filters of 10 bits per key, no compression, level 0 compacted at 4 tables and writes stopped at 12,
/// level 1 of 64 MiB growing 10× per level with static level sizes (level_compaction_dynamic_level_bytes = false, as the
/// LSM tree sizes its levels), 8 MiB tables, one background thread for flushes and compactions, no block cache in either
/// (both read blocks through the OS page cache; both keep index and filter blocks in memory), WAL on, synced per write
/// group with fsync (use_fsync = true) or not at all. RocksDB keeps its statistics, so that its own byte counters give its
/// write amplification beside the LSM tree's.
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

    public static RocksEngine OpenRocksDb(string path)
    {
        var table = new BlockBasedTableOptions()
            .SetBlockSize(4096)
            .SetNoBlockCache(true)
            .SetCacheIndexAndFilterBlocks(false)
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
            .SetLevelCompactionDynamicLevelBytes(false)
            .SetUseFsync(1)
            .SetBlockBasedTableFactory(table);
        Native.Instance.rocksdb_options_set_max_background_jobs(options.Handle, 1);
        options.EnableStatistics();
        var db = RocksDb.Open(options, path);
        RecordOptionsFile(path);
        return new RocksEngine(db, options);
    }

    public static WriteOptions RocksWriteOptions(bool fsync) => new WriteOptions().SetSync(fsync);

    /// <summary>RocksDB writes its effective options to OPTIONS-n in the database directory; the first run of each
    /// process copies it next to the reports, so the report shows what RocksDB actually ran with.</summary>
    private static void RecordOptionsFile(string path)
    {
        var latest = Directory.GetFiles(path, "OPTIONS-*").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
        if (latest is null) return;
        var target = Path.Combine(RepositoryLayout.Locate().Root, "bench", "reports", "StorageRocksDbOptions.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(latest, target, overwrite: true);
    }

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
