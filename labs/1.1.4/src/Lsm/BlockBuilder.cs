using System.Buffers.Binary;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Builds one sorted data block. Each entry is
/// <c>[varint shared][varint unshared][u8 kind][varint value length][unshared key bytes][value]</c>:
/// the key is stored as the length of the prefix it shares with the previous key plus the rest (prefix
/// compression); the kind says value or deletion, so an empty value is not a tombstone. Every
/// <c>restartInterval</c>-th key is stored whole (a restart point), and the block ends with the offsets of these
/// restart points (u32 each) and their count, so a reader can binary-search them.
/// </summary>
internal sealed class BlockBuilder(int restartInterval)
{
    private readonly ByteBuffer _buffer = new(8 * 1024);
    private readonly List<int> _restarts = [0];
    private byte[] _lastKey = new byte[64];
    private int _lastKeyLength;

    /// <summary>A whole key is stored every this many entries.</summary>
    public int RestartInterval { get; } = restartInterval;

    /// <summary>Entries added since the last restart point.</summary>
    private int EntriesSinceRestart { get; set; }

    public bool IsEmpty { get; private set; } = true;
    public int EstimatedSize => _buffer.Length + _restarts.Count * 4 + 4;
    public ReadOnlySpan<byte> LastKey => _lastKey.AsSpan(0, _lastKeyLength);

    /// <summary>Appends an entry; keys must arrive in strictly increasing order.</summary>
    public void Add(ReadOnlySpan<byte> key, ValueKind kind, ReadOnlySpan<byte> value)
    {
        #region Exercise 1.1.4-1e: append an entry with its key prefix-compressed against the previous key, a whole key at every restart point (tests: BlockTests)
        var shared = 0;
        if (EntriesSinceRestart < RestartInterval)
        {
            var max = Math.Min(_lastKeyLength, key.Length);
            shared = key[..max].CommonPrefixLength(_lastKey.AsSpan(0, max));
        }
        else
        {
            _restarts.Add(_buffer.Length);
            EntriesSinceRestart = 0;
        }
        _buffer.AddVarint((uint)shared);
        _buffer.AddVarint((uint)(key.Length - shared));
        _buffer.Add((byte)kind);
        _buffer.AddVarint((uint)value.Length);
        _buffer.Add(key[shared..]);
        _buffer.Add(value);
        if (_lastKey.Length < key.Length) _lastKey = new byte[Math.Max(key.Length, _lastKey.Length * 2)];
        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
        EntriesSinceRestart++;
        IsEmpty = false;
        #endregion
    }

    /// <summary>Appends the restart array and returns the finished block (valid until <see cref="Reset"/>).</summary>
    public ReadOnlySpan<byte> Finish()
    {
        Span<byte> u32 = stackalloc byte[4];
        foreach (var r in _restarts)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)r);
            _buffer.Add(u32);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)_restarts.Count);
        _buffer.Add(u32);
        return _buffer.Written;
    }

    public void Reset()
    {
        _buffer.Clear();
        _restarts.Clear();
        _restarts.Add(0);
        _lastKeyLength = 0;
        EntriesSinceRestart = 0;
        IsEmpty = true;
    }
}
