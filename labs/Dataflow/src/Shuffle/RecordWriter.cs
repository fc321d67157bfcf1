using System.Buffers.Binary;
using System.Text;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>
/// Appends records to a growable byte buffer in the shuffle's binary format: integers as zig-zag varints,
/// doubles as 8 little-endian bytes, strings as a varint byte length followed by UTF-8. The same format is
/// kept in memory, spilled to disk and written to the MapReduce intermediate files.
/// </summary>
public sealed class RecordWriter
{
    private byte[] _buffer;

    public RecordWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_buffer, 0, Length);
    }

    public void WriteUInt64(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[Length++] = (byte)value;
    }

    public void WriteInt64(long value) => WriteUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt32(int value) => WriteInt64(value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(Length), value);
        Length += 8;
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Ensure(max + 5);
        // Write the bytes after a 5-byte gap, then close it up once the real length is known.
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(Length + 5));
        var lengthStart = Length;
        WriteUInt64((ulong)written);
        var prefix = Length - lengthStart;
        if (prefix != 5) Buffer.BlockCopy(_buffer, lengthStart + 5, _buffer, Length, written);
        Length += written;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= _buffer.Length) return;
        var size = Math.Max(_buffer.Length * 2, Length + extra);
        Array.Resize(ref _buffer, size);
    }
}
