using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Reads bits most significant first from a buffer that ends with at least <see cref="Padding"/> spare bytes (a reader that has consumed no more bits than the data holds then never loads past them). The
/// next bits sit at the top of a 64-bit register; <see cref="Refill"/> tops it up to at least 56 bits with one
/// unaligned 8-byte load and no loop (the bits it loads twice are the same bits, so or-ing them in again is
/// harmless). Bits consumed = 8 · bytes loaded − bits still held.
/// </summary>
public ref struct BitReader
{
    /// <summary>Spare bytes the buffer must have after the data, for the last 8-byte loads.</summary>
    public const int Padding = 16;

    private readonly ReadOnlySpan<byte> _data;
    private ulong _bits;
    private int _count;
    private int _position;

    public BitReader(ReadOnlySpan<byte> paddedData)
    {
        _data = paddedData;
        _bits = 0;
        _count = 0;
        _position = 0;
    }

    /// <summary>A reader that continues from a state reached elsewhere (the decoder's unrolled loop keeps it in locals).</summary>
    internal BitReader(ReadOnlySpan<byte> paddedData, int position, ulong bits, int count)
    {
        _data = paddedData;
        _position = position;
        _bits = bits;
        _count = count;
    }

    public readonly long BitsConsumed => _position * 8L - _count;

    /// <summary>Tops the register up to 56 or more bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Refill()
    {
        #region Exercise 3.3-2d: or in 8 big-endian bytes below the bits held, advance by the whole bytes that fitted, count 56 or more bits (tests: BitIoTests.Random_codes_read_back_exactly, BitIoTests.Refill_keeps_at_least_56_bits_and_counts_what_was_consumed)
        var word = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_position, 8));
        _bits |= word >> _count;
        _position += (63 - _count) >> 3;
        _count |= 56;
        #endregion
    }

    /// <summary>The next <paramref name="n"/> bits (1 ≤ n ≤ 56), not consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly uint Peek(int n) => (uint)(_bits >> (64 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Consume(int n)
    {
        _bits <<= n;
        _count -= n;
    }

    /// <summary>Bits held in the register.</summary>
    public readonly int Available => _count;
}
