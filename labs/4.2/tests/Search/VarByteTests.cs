using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class VarByteTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(127, 1)]
    [InlineData(128, 2)]
    [InlineData(16_383, 2)]
    [InlineData(16_384, 3)]
    [InlineData(int.MaxValue, 5)]
    public void A_number_takes_one_byte_per_seven_bits_and_reads_back(int value, int bytes)
    {
        var output = new List<byte>();
        VarByte.Write(output, value);
        Assert.Equal(bytes, output.Count);
        Assert.All(output.Take(bytes - 1), b => Assert.True(b >= 0x80, "every byte but the last carries the continuation bit"));
        Assert.True(output[^1] < 0x80);
        var offset = 0;
        Assert.Equal(value, VarByte.Read(output.ToArray(), ref offset));
        Assert.Equal(bytes, offset);
    }

    [Fact]
    public void A_sequence_reads_back_in_order()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 1_000).Select(_ => random.Next(0, 1 << random.Next(1, 31))).ToArray();
        var output = new List<byte>();
        foreach (var v in values) VarByte.Write(output, v);
        var data = output.ToArray();
        var offset = 0;
        foreach (var v in values) Assert.Equal(v, VarByte.Read(data, ref offset));
        Assert.Equal(data.Length, offset);
    }

    [Fact]
    public void A_number_cut_off_before_its_last_byte_is_an_error()
    {
        var output = new List<byte>();
        VarByte.Write(output, 300_000);
        var offset = 0;
        var error = Assert.Throws<FormatException>(() => VarByte.Read(output.Take(2).ToArray(), ref offset));
        Assert.Contains("past the end", error.Message);
    }
}
