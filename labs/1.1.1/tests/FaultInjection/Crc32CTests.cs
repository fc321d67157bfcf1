using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1a: CRC-32C (Castagnoli), in table form and with the CPU's instruction.</summary>
public sealed class Crc32CTests
{
    [Fact]
    [Goal("1.1.1-1")]
    public void The_table_form_gives_the_Castagnoli_check_values()
    {
        Assert.Equal(0xE3069283u, Crc32C.ComputeWithTable("123456789"u8));
        Assert.Equal(0x8A9136AAu, Crc32C.ComputeWithTable(new byte[32]));                                   // RFC 3720 B.4
        Assert.Equal(0x62A8AB43u, Crc32C.ComputeWithTable(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.ComputeWithTable(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0u, Crc32C.ComputeWithTable([]));
        // It is not IEEE CRC-32 (System.IO.Hashing.Crc32), whose check value is 0xCBF43926.
        Assert.NotEqual(0xCBF43926u, Crc32C.ComputeWithTable("123456789"u8));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public void The_instruction_and_the_table_agree_and_chain()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        var data = new byte[1000];
        new Random(5).NextBytes(data);
        Assert.Equal(Crc32C.ComputeWithTable(data), Crc32C.Compute(data));
        Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }
}
