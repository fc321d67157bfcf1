namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Merges sorted children into one sorted stream with one entry per key. Children are ranked by age
/// (index 0 = newest: the memtable, then the frozen memtable, level 0 newest first, then levels 1, 2 …); when several
/// hold a key, the newest wins and the others are skipped. Tombstones are passed through (<see cref="Kind"/> =
/// <see cref="ValueKind.Deletion"/>): a user scan hides them, a compaction decides whether it may drop them.
/// A seek chooses the direction: <see cref="Seek"/> and <see cref="SeekToFirst"/> forward (then <see cref="Next"/>),
/// <see cref="SeekForPrev"/> and <see cref="SeekToLast"/> backward (then <see cref="Prev"/>).
/// </summary>
internal sealed class MergingIterator : IKeyValueIterator
{
    private readonly IKeyValueIterator[] _children;
    private readonly int[] _heap; // indices of valid children, a min-heap by (key, rank)
    private int _size;
    private byte[] _current = new byte[64];
    private bool _reverse; // the heap puts the largest key on top

    public MergingIterator(IReadOnlyList<IKeyValueIterator> children)
    {
        _children = [.. children];
        _heap = new int[_children.Length];
    }

    public bool Valid => _size > 0;
    public ReadOnlySpan<byte> Key => _children[_heap[0]].Key;
    public ValueKind Kind => _children[_heap[0]].Kind;
    public ReadOnlySpan<byte> Value => _children[_heap[0]].Value;

    public void SeekToFirst()
    {
        foreach (var c in _children) c.SeekToFirst();
        Rebuild(reverse: false);
    }

    public void Seek(ReadOnlySpan<byte> key)
    {
        foreach (var c in _children) c.Seek(key);
        Rebuild(reverse: false);
    }

    public void SeekToLast()
    {
        foreach (var c in _children) c.SeekToLast();
        Rebuild(reverse: true);
    }

    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        foreach (var c in _children) c.SeekForPrev(key);
        Rebuild(reverse: true);
    }

    /// <summary>Moves before the current key: every child on it steps back, so the next entry is the largest key
    /// still behind, taken from the newest child that holds it.</summary>
    public void Prev()
    {
        if (!_reverse) throw new InvalidOperationException("Prev after a forward seek: seek with SeekForPrev or SeekToLast first.");
        StepBack();
    }

    /// <summary>Moves past the current key: every child positioned on it steps forward, so the next entry is the
    /// smallest key still ahead, taken from the newest child that holds it.</summary>
    public void Next()
    {
        #region Exercise 1.1.4-1c: merge the sorted runs, newest wins: step every child that sits on the current key, keeping the heap ordered (tests: MergingIteratorTests.InterleavesDisjointRunsInKeyOrder, MergingIteratorTests.TheNewestRunWinsAndTheOthersAreSkipped, MergingIteratorTests.SeekPositionsEveryRunAndEmptyRunsAreHarmless, MergingIteratorTests.AgreesWithADictionaryMergeOnRandomRuns)
        var key = Key;
        if (_current.Length < key.Length) _current = new byte[Math.Max(key.Length, _current.Length * 2)];
        key.CopyTo(_current);
        var current = _current.AsSpan(0, key.Length); // the children's key spans change as they move
        while (_size > 0 && KeyComparer.Compare(_children[_heap[0]].Key, current) == 0)
        {
            var top = _heap[0];
            _children[top].Next();
            if (_children[top].Valid) SiftDown(0);
            else
            {
                _heap[0] = _heap[--_size];
                if (_size > 0) SiftDown(0);
            }
        }
        #endregion
    }

    /// <summary>Next's mirror image, for reverse scans: the heap keeps the largest key on top.</summary>
    private void StepBack()
    {
        var key = Key;
        if (_current.Length < key.Length) _current = new byte[Math.Max(key.Length, _current.Length * 2)];
        key.CopyTo(_current);
        var current = _current.AsSpan(0, key.Length);
        while (_size > 0 && KeyComparer.Compare(_children[_heap[0]].Key, current) == 0)
        {
            var top = _heap[0];
            _children[top].Prev();
            if (_children[top].Valid) SiftDown(0);
            else
            {
                _heap[0] = _heap[--_size];
                if (_size > 0) SiftDown(0);
            }
        }
    }

    private void Rebuild(bool reverse)
    {
        _reverse = reverse;
        _size = 0;
        for (var i = 0; i < _children.Length; i++)
            if (_children[i].Valid) _heap[_size++] = i;
        for (var i = _size / 2 - 1; i >= 0; i--) SiftDown(i);
    }

    /// <summary>Heap order: smaller key first (larger in reverse); on equal keys the newer child (lower index).</summary>
    private bool Less(int a, int b)
    {
        var c = KeyComparer.Compare(_children[a].Key, _children[b].Key);
        if (_reverse) c = -c;
        return c < 0 || (c == 0 && a < b);
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, smallest = i;
            if (l < _size && Less(_heap[l], _heap[smallest])) smallest = l;
            if (r < _size && Less(_heap[r], _heap[smallest])) smallest = r;
            if (smallest == i) return;
            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }
}
