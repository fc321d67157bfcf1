using System.Buffers.Binary;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Reads a data block written by <see cref="BlockBuilder"/> (its checksum already verified).
/// Any entry that does not parse is reported as corruption with the block's file and offset.</summary>
internal sealed class BlockIterator
{
    private readonly byte[] _block;
    private readonly int _restartsOffset;
    private readonly int _restartCount;
    private readonly string _file;
    private readonly long _blockOffset;
    private byte[] _key = new byte[64];
    private int _keyLength;
    private int _current = -1; // offset of the current entry; -1 = not valid
    private int _next;
    private int _valueOffset;
    private int _valueLength;
    private ValueKind _kind;

    public BlockIterator(byte[] block, int length, string file, long blockOffset)
    {
        _block = block;
        _file = file;
        _blockOffset = blockOffset;
        if (length < 4) throw Corrupt("block shorter than its restart count");
        _restartCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(length - 4));
        _restartsOffset = length - 4 - 4 * _restartCount;
        if (_restartCount < 1 || _restartsOffset < 0) throw Corrupt($"restart count {_restartCount} does not fit the block of {length} bytes");
    }

    public bool Valid => _current >= 0;
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);
    public ValueKind Kind => _kind;
    public ReadOnlySpan<byte> Value => _block.AsSpan(_valueOffset, _valueLength);

    public void SeekToFirst()
    {
        _keyLength = 0;
        ParseAt(0);
    }

    public void Next()
    {
        if (_next >= _restartsOffset) _current = -1;
        else ParseAt(_next);
    }

    /// <summary>Binary search over the restart points (whole keys), then a linear scan inside one interval.</summary>
    public void Seek(ReadOnlySpan<byte> target)
    {
        int lo = 0, hi = _restartCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            _keyLength = 0;
            ParseAt(RestartOffset(mid));
            if (KeyComparer.Compare(Key, target) < 0) lo = mid;
            else hi = mid - 1;
        }
        _keyLength = 0;
        ParseAt(RestartOffset(lo));
        while (Valid && KeyComparer.Compare(Key, target) < 0) Next();
    }

    /// <summary>The last entry: parse forward from the last restart point.</summary>
    public void SeekToLast()
    {
        _keyLength = 0;
        ParseAt(RestartOffset(_restartCount - 1));
        while (Valid && _next < _restartsOffset) ParseAt(_next);
    }

    /// <summary>Entries only link forward: go back to the last restart point before the current entry and parse
    /// forward to the entry just before it.</summary>
    public void Prev()
    {
        var original = _current;
        var r = _restartCount - 1;
        while (r > 0 && RestartOffset(r) >= original) r--;
        if (RestartOffset(r) >= original)
        {
            _current = -1; // the first entry
            return;
        }
        _keyLength = 0;
        ParseAt(RestartOffset(r));
        while (Valid && _next < original) ParseAt(_next);
    }

    /// <summary>The last entry whose key is ≤ <paramref name="target"/>.</summary>
    public void SeekForPrev(ReadOnlySpan<byte> target)
    {
        Seek(target);
        if (!Valid) SeekToLast();
        else if (KeyComparer.Compare(Key, target) > 0) Prev();
    }

    private int RestartOffset(int i)
    {
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(_block.AsSpan(_restartsOffset + 4 * i));
        if (offset < 0 || (offset >= _restartsOffset && !(offset == 0 && _restartsOffset == 0))) throw Corrupt($"restart point {i} points to {offset}, outside the entries");
        return offset;
    }

    private void ParseAt(int offset)
    {
        if (offset >= _restartsOffset)
        {
            _current = -1;
            return;
        }
        var span = _block.AsSpan(0, _restartsOffset);
        var p = offset;
        var shared = Varint.Read(span, ref p);
        var unshared = Varint.Read(span, ref p);
        if (shared < 0 || unshared < 0 || shared > _keyLength || p >= span.Length) throw Corrupt($"entry at block byte {offset} has an invalid header");
        var kind = span[p++];
        if (kind > (byte)ValueKind.Value) throw Corrupt($"entry at block byte {offset} has kind {kind}");
        var valueLength = Varint.Read(span, ref p);
        if (valueLength < 0 || unshared > span.Length - p || valueLength > span.Length - p - unshared)
            throw Corrupt($"entry at block byte {offset} runs past the block");
        var keyLength = (int)(shared + unshared);
        if (_key.Length < keyLength) Array.Resize(ref _key, Math.Max(keyLength, _key.Length * 2));
        span.Slice(p, (int)unshared).CopyTo(_key.AsSpan((int)shared));
        _keyLength = keyLength;
        p += (int)unshared;
        _kind = (ValueKind)kind;
        _valueOffset = p;
        _valueLength = (int)valueLength;
        _current = offset;
        _next = p + _valueLength;
    }

    private CorruptionException Corrupt(string problem) => new(_file, _blockOffset, problem);
}
