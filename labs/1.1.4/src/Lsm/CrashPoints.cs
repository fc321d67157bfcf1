namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>The named points where <see cref="LsmOptions.CrashAt"/> is called: it can stop the tree there, as a kill -9
/// would, or block to force an interleaving.</summary>
public static class CrashPoints
{
    /// <summary>A flush wrote and synced its table, the manifest does not list it yet.</summary>
    public const string FlushTableWritten = "flush.table-written";

    /// <summary>The manifest lists the flushed table, the flushed memtable's WAL is not deleted yet.</summary>
    public const string FlushManifestWritten = "flush.manifest-written";

    /// <summary>A compaction wrote part of its output tables (after the first one).</summary>
    public const string CompactionOutputPartial = "compaction.output-partial";

    /// <summary>A compaction wrote all its outputs, the manifest still lists the inputs.</summary>
    public const string CompactionOutputsWritten = "compaction.outputs-written";

    /// <summary>The manifest lists the outputs, the input files are not deleted yet.</summary>
    public const string CompactionManifestWritten = "compaction.manifest-written";

    /// <summary>The new manifest was written to its temporary file but not renamed into place.</summary>
    public const string ManifestTempWritten = "manifest.temp-written";

    /// <summary>Open replayed the old WALs into memory; nothing of them is in a table yet.</summary>
    public const string RecoveryReplayed = "recovery.replayed";

    /// <summary>Open wrote the replayed entries as a level-0 table; its manifest is not written yet.</summary>
    public const string RecoveryTableWritten = "recovery.table-written";

    /// <summary>The background maintenance thread is about to be started (called in the thread that starts it).</summary>
    public const string MaintenanceStarting = "maintenance.starting";

    /// <summary>The maintenance thread found nothing to do and is about to wait to be woken.</summary>
    public const string MaintenanceIdle = "maintenance.idle";
}
