namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Concatenates the tables of one level ≥ 1: their key ranges are disjoint and sorted, so at most one is open at a time.</summary>
internal sealed class LevelIterator(IReadOnlyList<TableHandle> tables) : IKeyValueIterator
{
    private int _table;
    private TableIterator? _current;

    public bool Valid => _current is { Valid: true };
    public ReadOnlySpan<byte> Key => _current!.Key;
    public ValueKind Kind => _current!.Kind;
    public ReadOnlySpan<byte> Value => _current!.Value;

    public void SeekToFirst()
    {
        _table = 0;
        Open();
        _current?.SeekToFirst();
        SkipExhausted();
    }

    public void Seek(ReadOnlySpan<byte> key)
    {
        int lo = 0, hi = tables.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (KeyComparer.Compare(tables[mid].Meta.Largest, key) < 0) lo = mid + 1;
            else hi = mid;
        }
        _table = lo;
        Open();
        _current?.Seek(key);
        SkipExhausted();
    }

    public void Next()
    {
        _current!.Next();
        SkipExhausted();
    }

    public void SeekToLast()
    {
        _table = tables.Count - 1;
        Open();
        _current?.SeekToLast();
        SkipExhaustedBackward();
    }

    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        int lo = 0, hi = tables.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (KeyComparer.Compare(tables[mid].Meta.Largest, key) < 0) lo = mid + 1;
            else hi = mid;
        }
        if (lo == tables.Count)
        {
            SeekToLast();
            return;
        }
        _table = lo;
        Open();
        _current!.SeekForPrev(key);
        SkipExhaustedBackward();
    }

    public void Prev()
    {
        _current!.Prev();
        SkipExhaustedBackward();
    }

    private void SkipExhaustedBackward()
    {
        while (_current is { Valid: false } && _table > 0)
        {
            _table--;
            Open();
            _current!.SeekToLast();
        }
        if (_current is { Valid: false }) _current = null;
    }

    private void Open() => _current = _table < tables.Count ? tables[_table].Reader.NewIterator() : null;

    private void SkipExhausted()
    {
        while (_current is { Valid: false })
        {
            _table++;
            Open();
            _current?.SeekToFirst();
        }
    }
}
