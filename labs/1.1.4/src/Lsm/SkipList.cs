namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The memtable's ordered map: a skip list of byte-string keys. One writer at a time (the write path
/// serialises them); readers need no lock, because a node is fully built before it is published with a
/// volatile write, and an overwrite replaces the value reference in one store.
/// A value of <see cref="Tombstone"/> marks a deleted key.
/// </summary>
internal sealed class SkipList
{
    public const int MaxHeight = 12;
    public static readonly byte[] Tombstone = [];

    private readonly Node _head = new([], null, MaxHeight);
    private readonly Random _random;
    private readonly Node[] _update = new Node[MaxHeight];
    private int _height = 1;

    public SkipList(int seed) => _random = new Random(seed);

    public int Count { get; private set; }

    internal sealed class Node(byte[] key, byte[]? value, int height)
    {
        public readonly byte[] Key = key;
        public byte[]? Value = value;
        public readonly Node?[] Next = new Node?[height];
    }

    /// <summary>Inserts or overwrites; returns the previous value (null when the key was new).</summary>
    public byte[]? Put(byte[] key, byte[] value)
    {
        var update = _update; // one writer at a time: the predecessor array is reused
        #region Exercise 1.1.4-1: insert into the skip list: find the predecessors on every level, then link a node of random height
        var x = _head;
        for (var level = _height - 1; level >= 0; level--)
        {
            Node? next;
            while ((next = Volatile.Read(ref x.Next[level])) is not null && KeyComparer.Compare(next.Key, key) < 0) x = next;
            update[level] = x;
        }
        var found = Volatile.Read(ref x.Next[0]);
        if (found is not null && KeyComparer.Compare(found.Key, key) == 0)
        {
            var old = found.Value;
            Volatile.Write(ref found.Value, value);
            return old;
        }
        var height = RandomHeight();
        if (height > _height)
        {
            for (var level = _height; level < height; level++) update[level] = _head;
            _height = height;
        }
        var node = new Node(key, value, height);
        for (var level = 0; level < height; level++)
        {
            node.Next[level] = update[level].Next[level];
            Volatile.Write(ref update[level].Next[level], node); // publish bottom-up: a reader sees a complete node
        }
        Count++;
        return null;
        #endregion
    }

    /// <summary>The node for <paramref name="key"/>, or null.</summary>
    public Node? Find(ReadOnlySpan<byte> key)
    {
        var x = SeekGreaterOrEqual(key);
        return x is not null && KeyComparer.Compare(x.Key, key) == 0 ? x : null;
    }

    /// <summary>The first node whose key is ≥ <paramref name="key"/>.</summary>
    public Node? SeekGreaterOrEqual(ReadOnlySpan<byte> key)
    {
        var x = _head;
        for (var level = Volatile.Read(ref _height) - 1; level >= 0; level--)
        {
            Node? next;
            while ((next = Volatile.Read(ref x.Next[level])) is not null && KeyComparer.Compare(next.Key, key) < 0) x = next;
        }
        return Volatile.Read(ref x.Next[0]);
    }

    public Node? First => Volatile.Read(ref _head.Next[0]);

    public static Node? NextOf(Node node) => Volatile.Read(ref node.Next[0]);

    private int RandomHeight()
    {
        var h = 1;
        while (h < MaxHeight && _random.Next(4) == 0) h++; // p = 1/4, as in LevelDB
        return h;
    }
}
