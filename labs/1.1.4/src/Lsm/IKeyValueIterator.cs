namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A sorted stream of entries, one per key (memtable, table, level, or a merge of them). A tombstone has
/// <see cref="Kind"/> = <see cref="ValueKind.Deletion"/> and an empty value. Key and value spans are valid until
/// the next move.
/// </summary>
internal interface IKeyValueIterator
{
    bool Valid { get; }
    ReadOnlySpan<byte> Key { get; }
    ValueKind Kind { get; }
    ReadOnlySpan<byte> Value { get; }

    void SeekToFirst();

    /// <summary>Positions at the first entry whose key is ≥ <paramref name="key"/>.</summary>
    void Seek(ReadOnlySpan<byte> key);

    void Next();
}
