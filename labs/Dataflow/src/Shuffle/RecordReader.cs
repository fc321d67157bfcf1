using System.Buffers.Binary;
using System.Text;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>Reads what a <see cref="RecordWriter"/> wrote; a truncated or malformed buffer raises
/// <see cref="ShuffleDataCorruptException"/> naming the source and the byte offset.</summary>
public sealed class RecordReader
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly string _source;

    public RecordReader(byte[] buffer, string source = "shuffle buffer") : this(buffer, 0, buffer?.Length ?? 0, source) { }

    public RecordReader(byte[] buffer, int offset, int length, string source = "shuffle buffer")
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
        Position = offset;
        _end = offset + length;
        _source = source;
    }

    public int Position { get; private set; }

    public bool AtEnd => Position >= _end;

    public ulong ReadUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (Position >= _end) throw Truncated("a varint");
            var b = _buffer[Position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new ShuffleDataCorruptException(_source, Position, "a varint of at most 10 bytes");
    }

    public long ReadInt64()
    {
        var raw = ReadUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt32()
    {
        var start = Position;
        var value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
            throw new ShuffleDataCorruptException(_source, start, "a 32-bit integer");
        return (int)value;
    }

    public byte ReadByte()
    {
        if (Position >= _end) throw Truncated("a byte");
        return _buffer[Position++];
    }

    public double ReadDouble()
    {
        if (Position + 8 > _end) throw Truncated("an 8-byte double");
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(Position, 8));
        Position += 8;
        return value;
    }

    public string ReadString()
    {
        var start = Position;
        var length = ReadUInt64();
        if (length > (ulong)(_end - Position))
            throw new ShuffleDataCorruptException(_source, start, $"a string of {length} bytes, but only {_end - Position} remain");
        var s = Encoding.UTF8.GetString(_buffer, Position, (int)length);
        Position += (int)length;
        return s;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Position + count > _end) throw Truncated($"{count} bytes");
        var span = _buffer.AsSpan(Position, count);
        Position += count;
        return span;
    }

    private ShuffleDataCorruptException Truncated(string what) =>
        new(_source, Position, $"{what}, but the data ends at byte {_end}");
}
