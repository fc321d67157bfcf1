namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>
/// The state a reader rebuilds by replaying actions in version order (a checkpoint's, then each later commit's):
/// the live files by path, the tombstones, the latest metadata and protocol.
/// </summary>
public sealed class LogReplay
{
    private readonly Dictionary<string, AddFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoveFile> _tombstones = new(StringComparer.Ordinal);

    public TableMetadata? Metadata { get; private set; }
    public ProtocolVersions? Protocol { get; private set; }
    public IReadOnlyCollection<AddFile> Files => _files.Values;
    public IReadOnlyCollection<RemoveFile> Tombstones => _tombstones.Values;

    /// <summary>Applies one commit's (or a checkpoint's) actions.</summary>
    public void Apply(IEnumerable<DeltaAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        #region Exercise 1.2-3b: replay one commit's actions onto the table state (tests: LogReplayTests, DeltaSnapshotTests, DeltaCommitTests, DeltaCheckpointTests, DeltaVacuumTests, WarehouseTests, LakehousePipelineTests, ExperimentTests)
        foreach (var action in actions)
        {
            if (action.Protocol is { } protocol) Protocol = protocol;
            if (action.MetaData is { } metadata) Metadata = metadata;
            if (action.Add is { } add)
            {
                // A path added again (re-added after a remove) is live again: its tombstone goes.
                _files[add.Path] = add;
                _tombstones.Remove(add.Path);
            }
            if (action.Remove is { } remove)
            {
                _files.Remove(remove.Path);
                _tombstones[remove.Path] = remove;
            }
        }
        #endregion
    }
}
