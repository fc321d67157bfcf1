using System.Buffers.Binary;

namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Writes codes most significant bit first into a growing byte buffer. Bits collect in a 64-bit accumulator and
/// leave it 32 at a time (big-endian), so a code of up to 32 bits costs a shift, an or and a rare store.
/// <see cref="Flush"/> writes the last partial byte, padded with zero bits.
/// </summary>
public sealed class BitWriter(int capacity = 1 << 16)
{
    private byte[] _buffer = new byte[Math.Max(capacity, 8)];
    private int _position;
    private ulong _accumulator;
    private int _pending; // bits in the accumulator not yet written

    /// <summary>Bits written so far, flushed or not.</summary>
    public long BitCount => _position * 8L + _pending;

    /// <summary>The bytes written (call <see cref="Flush"/> first for the last partial byte).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public void Reset()
    {
        _position = 0;
        _accumulator = 0;
        _pending = 0;
    }

    /// <summary>Appends the low <paramref name="length"/> bits of <paramref name="code"/> (1 ≤ length ≤ 32), highest first.</summary>
    public void Write(uint code, int length)
    {
        _accumulator = (_accumulator << length) | (code & (uint)((1UL << length) - 1));
        _pending += length;
        if (_pending >= 32)
        {
            _pending -= 32;
            EnsureRoom(4);
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)(_accumulator >> _pending));
            _position += 4;
        }
    }

    /// <summary>Writes the bits still in the accumulator, padding the last byte with zeros.</summary>
    public void Flush()
    {
        EnsureRoom(4);
        while (_pending > 0)
        {
            var take = Math.Min(8, _pending);
            var bits = (byte)((_accumulator >> (_pending - take)) << (8 - take));
            _buffer[_position++] = bits;
            _pending -= take;
        }
        _accumulator = 0;
    }

    private void EnsureRoom(int bytes)
    {
        if (_position + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + bytes));
    }
}
