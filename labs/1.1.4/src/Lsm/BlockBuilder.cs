namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Builds one sorted data block. Each entry is <c>[varint shared][varint unshared][varint value length + 1]
/// [unshared key bytes][value]</c>: the key is stored as the length of the prefix it shares with the previous
/// key plus the rest (prefix compression); value length 0 marks a tombstone. Every
/// <c>restartInterval</c>-th key is stored whole, and the block ends with the offsets of these restart
/// points (u32 each) and their count, so a reader can binary-search them.
/// </summary>
internal sealed class BlockBuilder(int restartInterval)
{
    private readonly ByteBuffer _buffer = new(8 * 1024);
    private readonly List<int> _restarts = [0];
    private byte[] _lastKey = new byte[64];
    private int _lastKeyLength;
    private int _sinceRestart;

    public bool IsEmpty { get; private set; } = true;
    public int EstimatedSize => _buffer.Length + _restarts.Count * 4 + 4;
    public ReadOnlySpan<byte> LastKey => _lastKey.AsSpan(0, _lastKeyLength);

    public void Add(ReadOnlySpan<byte> key, byte[]? value)
    {
        #region Exercise 1.1.4-1: append an entry with its key prefix-compressed against the previous key
        var shared = 0;
        if (_sinceRestart < restartInterval)
        {
            var max = Math.Min(_lastKeyLength, key.Length);
            shared = key[..max].CommonPrefixLength(_lastKey.AsSpan(0, max));
        }
        else
        {
            _restarts.Add(_buffer.Length);
            _sinceRestart = 0;
        }
        _buffer.AddVarint((uint)shared);
        _buffer.AddVarint((uint)(key.Length - shared));
        _buffer.AddVarint(value is null ? 0u : (uint)value.Length + 1);
        _buffer.Add(key[shared..]);
        if (value is not null) _buffer.Add(value);
        if (_lastKey.Length < key.Length) _lastKey = new byte[Math.Max(key.Length, _lastKey.Length * 2)];
        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
        _sinceRestart++;
        IsEmpty = false;
        #endregion
    }

    /// <summary>Appends the restart array and returns the finished block (valid until <see cref="Reset"/>).</summary>
    public ReadOnlySpan<byte> Finish()
    {
        Span<byte> u32 = stackalloc byte[4];
        foreach (var r in _restarts)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)r);
            _buffer.Add(u32);
        }
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)_restarts.Count);
        _buffer.Add(u32);
        return _buffer.Written;
    }

    public void Reset()
    {
        _buffer.Clear();
        _restarts.Clear();
        _restarts.Add(0);
        _lastKeyLength = 0;
        _sinceRestart = 0;
        IsEmpty = true;
    }
}
