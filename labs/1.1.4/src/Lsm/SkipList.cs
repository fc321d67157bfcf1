namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The memtable's ordered map: a skip list with one node per key, each node holding the key's entries newest
/// first (a chain of <see cref="Entry"/>, one per write, tagged with its sequence number), so that a reader at an
/// older sequence number still finds the entry it must see. One writer at a time (the write path serialises them);
/// readers need no lock, because a node is fully built before it is published with a volatile write, and a new
/// entry is prepended to its chain with one volatile store.
/// </summary>
internal sealed class SkipList
{
    public const int MaxHeight = 12;

    private readonly Node _head = new([], MaxHeight);
    private readonly Random _random;
    private readonly Node[] _update = new Node[MaxHeight];
    private int _height = 1;

    public SkipList(int seed) => _random = new Random(seed);

    /// <summary>Test hook: runs after a seek has descended to the bottom level and before it returns, the moment at which
    /// a writer on another thread may link a new node behind the seek's last node.</summary>
    internal Action? AfterSeekDescent;

    /// <summary>Distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>One write of a key: its sequence number, kind and value, and the key's previous entry.</summary>
    internal sealed record Entry(long Sequence, ValueKind Kind, byte[] Value, Entry? Older);

    internal sealed class Node(byte[] key, int height)
    {
        public readonly byte[] Key = key;
        public Entry? Latest;
        public readonly Node?[] Next = new Node?[height];

        /// <summary>The newest entry with a sequence number ≤ <paramref name="snapshot"/>, or null (the key did not exist yet).</summary>
        public Entry? VisibleAt(long snapshot)
        {
            var e = Volatile.Read(ref Latest);
            while (e is not null && e.Sequence > snapshot) e = e.Older;
            return e;
        }
    }

    /// <summary>Adds an entry (<paramref name="sequence"/>, <paramref name="kind"/>, <paramref name="value"/>) as the newest
    /// of its key (a new node when the key is new). Sequence numbers of one key must grow. Returns true when the key was new.</summary>
    public bool Insert(byte[] key, long sequence, ValueKind kind, byte[] value)
    {
        #region Exercise 1.1.4-1d: insert into the skip list: find the predecessors on every level, then link a node of random height (tests: SkipListTests.IteratesInBytewiseKeyOrderWithOneNodePerKey, SkipListTests.InsertReportsWhetherTheKeyWasNew, SkipListTests.EachKeyKeepsItsEntriesNewestFirstSoOlderSnapshotsFindTheirs, SkipListTests.SeekFindsTheFirstKeyAtOrAfterTheTarget, SkipListTests.ReadersWithoutLocksSeeEveryPublishedKeyWhileOneWriterInserts, SkipListTests.AKeyLinkedBehindASeekInProgressDoesNotHideTheKeyItFound)
        var update = _update; // one writer at a time: the predecessor array is reused
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
            Volatile.Write(ref found.Latest, new Entry(sequence, kind, value, found.Latest));
            return false;
        }
        var height = RandomHeight();
        if (height > _height)
        {
            for (var level = _height; level < height; level++) update[level] = _head;
            Volatile.Write(ref _height, height);
        }
        var node = new Node(key, height) { Latest = new Entry(sequence, kind, value, null) };
        for (var level = 0; level < height; level++)
        {
            node.Next[level] = update[level].Next[level];
            Volatile.Write(ref update[level].Next[level], node); // publish bottom-up: a reader sees a complete node
        }
        Count++;
        return true;
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
        Node? next = null;
        for (var level = Volatile.Read(ref _height) - 1; level >= 0; level--)
        {
            while ((next = Volatile.Read(ref x.Next[level])) is not null && KeyComparer.Compare(next.Key, key) < 0) x = next;
        }
        // The node the bottom level stopped at, not a second read of x.Next[0]: the writer may have linked a smaller
        // key after x since, and returning that node would hide the key from a reader that holds no lock.
        AfterSeekDescent?.Invoke();
        return next;
    }

    /// <summary>The last node whose key is &lt; <paramref name="key"/>, or null.</summary>
    public Node? FindLessThan(ReadOnlySpan<byte> key)
    {
        var x = _head;
        for (var level = Volatile.Read(ref _height) - 1; level >= 0; level--)
        {
            Node? next;
            while ((next = Volatile.Read(ref x.Next[level])) is not null && KeyComparer.Compare(next.Key, key) < 0) x = next;
        }
        return x == _head ? null : x;
    }

    /// <summary>The node with the largest key, or null when empty.</summary>
    public Node? Last
    {
        get
        {
            var x = _head;
            for (var level = Volatile.Read(ref _height) - 1; level >= 0; level--)
            {
                Node? next;
                while ((next = Volatile.Read(ref x.Next[level])) is not null) x = next;
            }
            return x == _head ? null : x;
        }
    }

    public Node? First => Volatile.Read(ref _head.Next[0]);

    public static Node? NextOf(Node node) => Volatile.Read(ref node.Next[0]);

    /// <summary>Height of a new node: 1, then one more level with probability 1/4 each time (as in LevelDB), at most <see cref="MaxHeight"/>.</summary>
    internal int RandomHeight()
    {
        var h = 1;
        while (h < MaxHeight && _random.Next(4) == 0) h++;
        return h;
    }
}
