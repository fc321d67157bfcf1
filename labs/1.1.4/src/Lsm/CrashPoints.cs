namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>The places where <see cref="LsmOptions.CrashAt"/> can stop the tree, as a kill -9 would there.</summary>
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
}
