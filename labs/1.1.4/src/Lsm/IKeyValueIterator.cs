namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A sorted stream of entries, one per key (memtable, table, level, or a merge of them). A tombstone has
/// <see cref="Kind"/> = <see cref="ValueKind.Deletion"/> and an empty value. Key and value spans are valid until
/// the next move. Iterators move both ways (merging iterators in the direction their last seek chose).
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

    /// <summary>Positions at the last entry.</summary>
    void SeekToLast();

    /// <summary>Positions at the last entry whose key is ≤ <paramref name="key"/>.</summary>
    void SeekForPrev(ReadOnlySpan<byte> key);

    /// <summary>Moves to the entry before the current one.</summary>
    void Prev();
}
