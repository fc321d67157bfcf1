using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>Exercise 3.3-2d: the bit writer and reader agree, most significant bit first.</summary>
public sealed class BitIoTests
{
    [Fact]
    [Goal("3.3-2")]
    public void Bits_come_out_most_significant_first_with_the_last_byte_zero_padded()
    {
        var writer = new BitWriter();
        writer.Write(0b1, 1);
        writer.Write(0b01, 2);
        writer.Write(0b11111, 5);
        writer.Write(0b101, 3);
        Assert.Equal(11, writer.BitCount);
        writer.Flush();
        Assert.Equal([0b1011_1111, 0b1010_0000], writer.Written.ToArray());
    }

    [Fact]
    [Goal("3.3-2")]
    public void Random_codes_read_back_exactly()
    {
        var random = new Random(4);
        var codes = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var length = random.Next(1, 33);
            return ((uint)random.NextInt64(0, 1L << length), length);
        }).ToList();
        var writer = new BitWriter(16);
        foreach (var (code, length) in codes) writer.Write(code | (length < 32 ? ~0u << length : 0), length); // high garbage must be ignored
        var bits = writer.BitCount;
        writer.Flush();
        Assert.Equal((bits + 7) / 8, writer.Written.Length);
        var padded = new byte[writer.Written.Length + BitReader.Padding];
        writer.Written.CopyTo(padded);
        var reader = new BitReader(padded);
        foreach (var (code, length) in codes)
        {
            reader.Refill();
            if (length > 24)
            {
                // Peek takes at most 56 bits after a refill; read long codes in two parts.
                var high = reader.Peek(length - 16);
                reader.Consume(length - 16);
                reader.Refill();
                Assert.Equal(code, high << 16 | reader.Peek(16));
                reader.Consume(16);
            }
            else
            {
                Assert.Equal(code, reader.Peek(length));
                reader.Consume(length);
            }
        }
        Assert.Equal(bits, reader.BitsConsumed);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Refill_keeps_at_least_56_bits_and_counts_what_was_consumed()
    {
        var data = new byte[64 + BitReader.Padding];
        new Random(1).NextBytes(data.AsSpan(0, 64));
        var reader = new BitReader(data);
        long consumed = 0;
        for (var i = 0; i < 40; i++)
        {
            reader.Refill();
            Assert.True(reader.Available >= 56);
            var expectedByte = data[consumed / 8];
            var n = 1 + i % 13;
            if (consumed % 8 == 0) Assert.Equal(expectedByte, (byte)reader.Peek(8));
            reader.Consume(n);
            consumed += n;
            Assert.Equal(consumed, reader.BitsConsumed);
        }
    }
}
