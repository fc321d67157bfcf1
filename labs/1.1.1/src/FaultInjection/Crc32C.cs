using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 metadata,
/// PostgreSQL's WAL and this lab's records. System.IO.Hashing's Crc32 is the IEEE polynomial, a
/// different code. Uses the CPU's CRC32 instruction (SSE 4.2, ARMv8) when present, else a table.
/// Chains like zlib: Append(Append(0, a), b) == Compute(a ‖ b); Compute("123456789") == 0xE3069283.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported) return ~HardwareX64(~crc, data);
        if (Crc32.Arm64.IsSupported) return ~HardwareArm64(~crc, data);
        return ~Software(~crc, data);
    }

    /// <summary>The table-driven computation only (for tests and the benchmark against the CPU instruction).</summary>
    public static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~Software(~0u, data);

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[n] = c;
        }
        return table;
    }

    private static uint Software(uint crc, ReadOnlySpan<byte> data)
    {
        #region Exercise 1.1.1-1a: byte-at-a-time reflected CRC: index the table with the low byte of crc XOR the data byte (tests: Crc32CTests)
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
        #endregion
    }

    private static uint HardwareX64(uint crc, ReadOnlySpan<byte> data)
    {
        ulong c = crc;
        while (data.Length >= 8)
        {
            c = Sse42.X64.Crc32(c, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        var c32 = (uint)c;
        foreach (var b in data) c32 = Sse42.Crc32(c32, b);
        return c32;
    }

    private static uint HardwareArm64(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = Crc32.ComputeCrc32C(crc, b);
        return crc;
    }
}
