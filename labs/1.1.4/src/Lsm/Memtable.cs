namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>The in-memory, sorted write buffer of an LSM tree, and the number of the WAL that backs it.</summary>
internal sealed class Memtable(long walNumber, int seed, StorageBug bug = StorageBug.None)
{
    private const int EntryOverhead = 48; // object headers, the entry record and the next-pointer array, roughly
    private readonly SkipList _list = new(seed);
    private long _approximateBytes;

    public long WalNumber { get; } = walNumber;
    public long ApproximateBytes => Interlocked.Read(ref _approximateBytes);
    public int Count => _list.Count;
    public bool IsEmpty => _list.Count == 0;

    /// <summary>Records a write of <paramref name="key"/> at <paramref name="sequence"/>. One writer at a time.</summary>
    public void Apply(long sequence, byte[] key, ValueKind kind, byte[] value)
    {
        if (bug == StorageBug.EmptyValueIsTombstone && kind == ValueKind.Value && value.Length == 0) kind = ValueKind.Deletion; // planted defect
        var isNew = _list.Insert(key, sequence, kind, value);
        Interlocked.Add(ref _approximateBytes, (isNew ? key.Length : 0) + value.Length + EntryOverhead);
    }

    /// <summary>The newest entry of <paramref name="key"/> at or below <paramref name="snapshot"/>; false when the
    /// memtable holds none (the key may still be in an older table).</summary>
    public bool TryGet(ReadOnlySpan<byte> key, long snapshot, out ValueKind kind, out byte[] value)
    {
        var entry = _list.Find(key)?.VisibleAt(snapshot);
        kind = entry?.Kind ?? ValueKind.Deletion;
        value = entry?.Value ?? [];
        return entry is not null;
    }

    /// <summary>An iterator over the entries visible at <paramref name="snapshot"/>.</summary>
    public IKeyValueIterator NewIterator(long snapshot) => new MemtableIterator(_list, snapshot);
}
