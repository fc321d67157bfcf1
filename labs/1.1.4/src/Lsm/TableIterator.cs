namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Iterates one SSTable block by block.</summary>
internal sealed class TableIterator(SSTableReader table) : IKeyValueIterator
{
    private BlockIterator? _block;
    private int _blockIndex;

    public bool Valid => _block is { Valid: true };
    public ReadOnlySpan<byte> Key => _block!.Key;
    public ValueKind Kind => _block!.Kind;
    public ReadOnlySpan<byte> Value => _block!.Value;

    public void SeekToFirst()
    {
        _blockIndex = 0;
        Load();
        _block?.SeekToFirst();
        SkipEmpty();
    }

    public void Seek(ReadOnlySpan<byte> key)
    {
        _blockIndex = table.FindBlock(key);
        Load();
        _block?.Seek(key);
        SkipEmpty();
    }

    public void Next()
    {
        _block!.Next();
        SkipEmpty();
    }

    public void SeekToLast()
    {
        _blockIndex = table.DataBlocks - 1;
        Load();
        _block?.SeekToLast();
        SkipEmptyBackward();
    }

    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        _blockIndex = table.FindBlock(key);
        if (_blockIndex >= table.DataBlocks)
        {
            SeekToLast();
            return;
        }
        Load();
        _block!.SeekForPrev(key);
        SkipEmptyBackward();
    }

    public void Prev()
    {
        _block!.Prev();
        SkipEmptyBackward();
    }

    private void SkipEmptyBackward()
    {
        while (_block is { Valid: false } && _blockIndex > 0)
        {
            _blockIndex--;
            Load();
            _block!.SeekToLast();
        }
        if (_block is { Valid: false }) _block = null;
    }

    private void Load() => _block = _blockIndex < table.DataBlocks ? table.ReadBlock(_blockIndex) : null;

    private void SkipEmpty()
    {
        while (_block is { Valid: false })
        {
            _blockIndex++;
            Load();
            _block?.SeekToFirst();
        }
    }
}
