namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Walks the skip list's bottom level.</summary>
internal sealed class MemtableIterator(SkipList list) : IKeyValueIterator
{
    private SkipList.Node? _node;

    public bool Valid => _node is not null;
    public ReadOnlySpan<byte> Key => _node!.Key;
    public byte[]? Value
    {
        get
        {
            var v = Volatile.Read(ref _node!.Value);
            return ReferenceEquals(v, SkipList.Tombstone) ? null : v;
        }
    }

    public void SeekToFirst() => _node = list.First;
    public void Seek(ReadOnlySpan<byte> key) => _node = list.SeekGreaterOrEqual(key);
    public void Next() => _node = SkipList.NextOf(_node!);
}
