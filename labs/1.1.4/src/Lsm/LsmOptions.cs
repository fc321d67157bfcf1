using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Sizes and policies of an <see cref="LsmTree"/>. Defaults are scaled-down RocksDB defaults.</summary>
public sealed record LsmOptions
{
    /// <summary>A memtable is frozen and flushed once it holds about this many bytes.</summary>
    public int MemtableBytes { get; init; } = 8 << 20;

    /// <summary>Target size of an SSTable data block before its restart array and checksum.</summary>
    public int BlockBytes { get; init; } = 4096;

    /// <summary>Every n-th key in a block is stored whole (a restart point); the others share a prefix with the previous key.</summary>
    public int RestartInterval { get; init; } = 16;

    public int BloomBitsPerKey { get; init; } = 10;

    /// <summary>Level 0 is compacted into level 1 when it holds this many tables.</summary>
    public int Level0CompactionTrigger { get; init; } = 4;

    /// <summary>Writes wait while level 0 holds this many tables.</summary>
    public int Level0StopWritesTrigger { get; init; } = 12;

    /// <summary>Size limit of level 1; each deeper level may be <see cref="LevelSizeMultiplier"/> times larger.</summary>
    public long Level1MaxBytes { get; init; } = 32L << 20;

    public int LevelSizeMultiplier { get; init; } = 10;

    /// <summary>Compaction outputs are cut into tables of about this size.</summary>
    public long TargetFileBytes { get; init; } = 4L << 20;

    public int MaxLevels { get; init; } = 7;

    public WalSyncMode WalSync { get; init; } = WalSyncMode.NoSync;

    /// <summary>Flush and compact on a background thread (true) or inline in the writing thread (false: deterministic, for tests).</summary>
    public bool BackgroundMaintenance { get; init; } = true;

    /// <summary>Test hook, called at each named point of <see cref="CrashPoints"/>: return true to stop the tree there as if
    /// killed. It may also block, to force an interleaving of threads.</summary>
    public Func<string, bool>? CrashAt { get; init; }

    /// <summary>A deliberate defect, so that the tests can be seen to catch it (<see cref="StorageBug.None"/>: the correct tree).</summary>
    public StorageBug Bug { get; init; } = StorageBug.None;

    /// <summary>Where the files live: the operating system's file system unless a test injects faults.</summary>
    internal IFileSystem FileSystem { get; init; } = OsFileSystem.Instance;

    internal void Validate()
    {
        if (MemtableBytes < 4096) throw new ArgumentOutOfRangeException(nameof(MemtableBytes), MemtableBytes, "must be at least 4096");
        if (BlockBytes < 256) throw new ArgumentOutOfRangeException(nameof(BlockBytes), BlockBytes, "must be at least 256");
        if (RestartInterval < 1) throw new ArgumentOutOfRangeException(nameof(RestartInterval), RestartInterval, "must be at least 1");
        if (BloomBitsPerKey is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(BloomBitsPerKey), BloomBitsPerKey, "must be in [1, 30]");
        if (Level0CompactionTrigger < 1 || Level0StopWritesTrigger <= Level0CompactionTrigger)
            throw new ArgumentOutOfRangeException(nameof(Level0StopWritesTrigger), "must exceed Level0CompactionTrigger, which must be at least 1");
        if (MaxLevels is < 2 or > 12) throw new ArgumentOutOfRangeException(nameof(MaxLevels), MaxLevels, "must be in [2, 12]");
        if (LevelSizeMultiplier < 2) throw new ArgumentOutOfRangeException(nameof(LevelSizeMultiplier), LevelSizeMultiplier, "must be at least 2");
        if (Level1MaxBytes < 1) throw new ArgumentOutOfRangeException(nameof(Level1MaxBytes), Level1MaxBytes, "must be positive");
        if (TargetFileBytes < 1) throw new ArgumentOutOfRangeException(nameof(TargetFileBytes), TargetFileBytes, "must be positive");
    }
}
