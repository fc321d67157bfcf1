namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Walks the skip list's bottom level, showing each key's entry as of <c>snapshot</c> and skipping keys
/// written after it.</summary>
internal sealed class MemtableIterator(SkipList list, long snapshot) : IKeyValueIterator
{
    private SkipList.Node? _node;
    private SkipList.Entry? _entry;

    public bool Valid => _node is not null;
    public ReadOnlySpan<byte> Key => _node!.Key;
    public ValueKind Kind => _entry!.Kind;
    public ReadOnlySpan<byte> Value => _entry!.Value;

    public void SeekToFirst() => Settle(list.First);
    public void Seek(ReadOnlySpan<byte> key) => Settle(list.SeekGreaterOrEqual(key));
    public void Next() => Settle(SkipList.NextOf(_node!));

    public void SeekToLast() => SettleBackward(list.Last);

    public void SeekForPrev(ReadOnlySpan<byte> key) => SettleBackward(list.Find(key) ?? list.FindLessThan(key));

    /// <summary>The skip list links forward only: the predecessor is found by a search from the top (O(log n)), as in LevelDB.</summary>
    public void Prev() => SettleBackward(list.FindLessThan(_node!.Key));

    private void Settle(SkipList.Node? node)
    {
        while (node is not null && (_entry = node.VisibleAt(snapshot)) is null) node = SkipList.NextOf(node);
        _node = node;
    }

    private void SettleBackward(SkipList.Node? node)
    {
        while (node is not null && (_entry = node.VisibleAt(snapshot)) is null) node = list.FindLessThan(node.Key);
        _node = node;
    }
}
