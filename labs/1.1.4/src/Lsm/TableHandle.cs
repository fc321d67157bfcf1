namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A table and its open reader, reference-counted: every <see cref="Version"/> that lists the table holds one
/// reference. When the last reference goes, the reader is closed, and, if a compaction has made the table obsolete,
/// its file is deleted: a scan that still holds an old version keeps reading the tables of that version.
/// </summary>
internal sealed class TableHandle
{
    private readonly SSTableReader? _reader;
    private readonly Action<TableHandle>? _onObsoleteRelease;
    private int _references;
    private int _released;

    public TableHandle(TableMeta meta, SSTableReader reader, Action<TableHandle> onObsoleteRelease)
    {
        Meta = meta;
        _reader = reader;
        _onObsoleteRelease = onObsoleteRelease;
    }

    private TableHandle(TableMeta meta) => Meta = meta;

    /// <summary>A handle with metadata only, for tests of what reads nothing but metadata (the compaction picker).</summary>
    internal static TableHandle ForMetadata(TableMeta meta) => new(meta);

    public TableMeta Meta { get; }
    public SSTableReader Reader => _reader ?? throw new InvalidOperationException($"table {Meta.FileNumber} has metadata only");

    /// <summary>Set once a version without this table has replaced every version that listed it.</summary>
    public bool Obsolete { get; set; }

    public bool Released => Volatile.Read(ref _released) != 0;

    public void Ref() => Interlocked.Increment(ref _references);

    public void Unref()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException($"table {Meta.FileNumber} released more often than referenced");
        Release();
    }

    /// <summary>Closes the reader (once) and hands an obsolete table to its owner, who deletes the file.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        _reader?.Dispose();
        if (Obsolete) _onObsoleteRelease?.Invoke(this);
    }
}
