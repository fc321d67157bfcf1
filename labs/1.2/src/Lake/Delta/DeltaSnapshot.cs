namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The table at one version: its metadata, its live files, the tombstones of removed files, and how it was read
/// (from which checkpoint, how many JSON commits were replayed on top).</summary>
public sealed record DeltaSnapshot(long Version, TableMetadata Metadata, ProtocolVersions Protocol, IReadOnlyList<AddFile> Files,
    IReadOnlyList<RemoveFile> Tombstones, long? CheckpointVersion, int CommitFilesRead)
{
    public long RecordCount => Files.Sum(DeltaTable.RecordsOf);
}
