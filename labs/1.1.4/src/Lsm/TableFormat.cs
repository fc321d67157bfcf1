using System.Buffers.Binary;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The SSTable file layout: <c>[data block + u32 crc]… [bloom filter + u32 crc] [index block + u32 crc] [footer]</c>.
/// The footer (48 bytes) is <c>bloom offset u64, bloom length u32, index offset u64, index length u32,
/// entry count u64, data block count u32, magic u64, crc32c u32</c> of the 44 bytes before it.
/// The index is sparse: one entry per data block, <c>[varint key length][last key][u64 offset][u32 length]</c>.
/// </summary>
internal static class TableFormat
{
    public const int FooterBytes = 48;
    public const int TrailerBytes = 4;
    public const ulong Magic = 0x314C425453534D53; // "SMSSTBL1" little-endian

    public readonly record struct Footer(long BloomOffset, int BloomLength, long IndexOffset, int IndexLength, long Entries, int DataBlocks);

    public static void WriteFooter(Span<byte> destination, Footer f)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, f.BloomOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], f.BloomLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], f.IndexOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], f.IndexLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], f.Entries);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], f.DataBlocks);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[36..], Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[44..], Crc32C.Compute(destination[..44]));
    }

    public static Footer ReadFooter(ReadOnlySpan<byte> source, string file, long footerOffset, long fileLength)
    {
        if (BinaryPrimitives.ReadUInt64LittleEndian(source[36..]) != Magic)
            throw new CorruptionException(file, footerOffset + 36, "footer magic is not SMSSTBL1 (not an SSTable, or a truncated one)");
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[44..]) != Crc32C.Compute(source[..44]))
            throw new CorruptionException(file, footerOffset, "footer checksum mismatch");
        var f = new Footer(BinaryPrimitives.ReadInt64LittleEndian(source), BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]), BinaryPrimitives.ReadInt32LittleEndian(source[32..]));
        if (f.BloomOffset < 0 || f.BloomLength < 0 || f.IndexOffset < 0 || f.IndexLength < 0 ||
            f.BloomOffset + f.BloomLength + TrailerBytes > footerOffset || f.IndexOffset + f.IndexLength + TrailerBytes > footerOffset || fileLength != footerOffset + FooterBytes)
            throw new CorruptionException(file, footerOffset, "footer points outside the file");
        return f;
    }
}
