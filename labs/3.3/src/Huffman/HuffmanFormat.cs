using System.Buffers.Binary;

namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// The file format (all integers little-endian):
/// <code>
/// file   = "SMHF" · version (1 byte, = 1) · block* · end
/// block  = original length n (u32, 1 … 2²⁴) · payload length (u32) · CRC-32 of the block's original bytes (u32)
///          · lengths of streams 0, 1 and 2 (3 × u32; stream 3 takes the rest of the payload)
///          · code lengths (128 bytes: 4 bits per byte value 0 … 255, the even value in the high nibble; 0 = absent)
///          · payload = 4 streams; stream j holds bytes [j·q, (j+1)·q) of the block, q = ⌈n / 4⌉, as canonical codes,
///            most significant bit first, its last byte padded with zero bits
/// end    = 0 (u32) · total original length (u64) · CRC-32 of all original bytes (u32)
/// </code>
/// Four independent streams let the decoder follow four chains of table lookups at once (as zstd's Huff0 does):
/// each lookup depends on the bits the previous one consumed, so one stream leaves the core waiting on memory.
/// </summary>
public static class HuffmanFormat
{
    public static ReadOnlySpan<byte> Magic => "SMHF"u8;
    public const byte Version = 1;
    public const int FileHeaderLength = 5;
    public const int Streams = 4;
    public const int BlockHeaderLength = 12 + 12 + 128;
    public const int EndLength = 4 + 8 + 4;
    public const int MaxBlockLength = 1 << 24;

    public static void WriteLengths(ReadOnlySpan<byte> lengths, Span<byte> destination)
    {
        for (var i = 0; i < 128; i++) destination[i] = (byte)(lengths[2 * i] << 4 | lengths[2 * i + 1]);
    }

    public static byte[] ReadLengths(ReadOnlySpan<byte> source)
    {
        var lengths = new byte[256];
        for (var i = 0; i < 128; i++)
        {
            lengths[2 * i] = (byte)(source[i] >> 4);
            lengths[2 * i + 1] = (byte)(source[i] & 15);
        }
        return lengths;
    }

    public static void WriteBlockHeader(Span<byte> header, int originalLength, int payloadLength, uint crc, ReadOnlySpan<int> streamLengths, ReadOnlySpan<byte> lengths)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)originalLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], crc);
        for (var j = 0; j < Streams - 1; j++) BinaryPrimitives.WriteUInt32LittleEndian(header[(12 + 4 * j)..], (uint)streamLengths[j]);
        WriteLengths(lengths, header[24..]);
    }

    /// <summary>Where stream <paramref name="j"/>'s bytes start and end in a block of <paramref name="n"/> bytes.</summary>
    public static (int Start, int End) StreamRange(int n, int j)
    {
        var q = (n + Streams - 1) / Streams;
        return (Math.Min(n, j * q), Math.Min(n, (j + 1) * q));
    }

    /// <summary>The largest payload a block of <paramref name="originalLength"/> bytes can have (every code 15 bits, each stream padded).</summary>
    public static long MaxPayload(long originalLength) => (originalLength * CanonicalCode.MaxLength + 7) / 8 + Streams;
}
