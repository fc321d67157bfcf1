using System.Buffers.Binary;
using System.Numerics;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>CRC-32C (Castagnoli), the checksum of LevelDB and RocksDB, on the CPU's crc32 instruction where there is one.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
