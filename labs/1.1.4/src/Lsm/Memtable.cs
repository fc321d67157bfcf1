namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>The in-memory, sorted write buffer of an LSM tree and the number of the WAL that backs it.</summary>
internal sealed class Memtable(long walNumber, int seed)
{
    private const int NodeOverhead = 48; // object headers and the next-pointer array, roughly
    private readonly SkipList _list = new(seed);
    private long _approximateBytes;

    public long WalNumber { get; } = walNumber;
    public long ApproximateBytes => Interlocked.Read(ref _approximateBytes);
    public int Count => _list.Count;
    public bool IsEmpty => _list.Count == 0;

    /// <summary>Inserts a value, or a tombstone when <paramref name="value"/> is null. One writer at a time.</summary>
    public void Apply(byte[] key, byte[]? value)
    {
        var stored = value ?? SkipList.Tombstone;
        var previous = _list.Put(key, stored);
        Interlocked.Add(ref _approximateBytes, previous is null ? key.Length + stored.Length + NodeOverhead : stored.Length);
    }

    /// <summary>Found: the value, or <see cref="SkipList.Tombstone"/> when deleted here. Not found: null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => _list.Find(key)?.Value;

    public IKeyValueIterator NewIterator() => new MemtableIterator(_list);
}
