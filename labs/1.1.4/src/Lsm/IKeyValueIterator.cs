namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A sorted stream of entries (memtable, table, level, or a merge of them). <see cref="Value"/> is
/// null for a tombstone. The key span is valid until the next move.
/// </summary>
internal interface IKeyValueIterator
{
    bool Valid { get; }
    ReadOnlySpan<byte> Key { get; }
    byte[]? Value { get; }

    void SeekToFirst();

    /// <summary>Positions at the first entry whose key is ≥ <paramref name="key"/>.</summary>
    void Seek(ReadOnlySpan<byte> key);

    void Next();
}
