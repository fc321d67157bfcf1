using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>Exercise 3.3-2e: the lookup table and the decoding loop, including codes longer than the table's window.</summary>
public sealed class DecodingTableTests
{
    private static (byte[] Padded, int Length) EncodeSymbols(byte[] symbols, byte[] lengths)
    {
        var codes = CanonicalCode.Assign(lengths);
        var writer = new BitWriter();
        foreach (var s in symbols) writer.Write(codes[s], lengths[s]);
        writer.Flush();
        var padded = new byte[writer.Written.Length + BitReader.Padding];
        writer.Written.CopyTo(padded);
        return (padded, writer.Written.Length);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Every_window_decodes_to_the_symbols_whose_codes_begin_it()
    {
        byte[] lengths = new byte[256];
        lengths['a'] = 1;
        lengths['b'] = 3;
        lengths['c'] = 3;
        lengths['d'] = 3;
        lengths['e'] = 4;
        lengths['f'] = 4; // a = 0, b = 100, c = 101, d = 110, e = 1110, f = 1111
        var table = DecodingTable.Build(lengths);
        uint Window(string bits) => Convert.ToUInt32(bits.PadRight(DecodingTable.TableBits, '0'), 2);
        var aa = table.Entries[Window("00")];
        Assert.Equal(DecodingTable.KindTwo, (aa >> 16) & 3);
        Assert.Equal((byte)'a', (byte)aa);
        Assert.Equal((byte)'a', (byte)(aa >> 8));
        Assert.Equal(2u, (aa >> 18) & 31);
        var be = table.Entries[Window("1001110")];
        Assert.Equal(((byte)'b', (byte)'e', 7u, 3u), ((byte)be, (byte)(be >> 8), (be >> 18) & 31, (be >> 23) & 15));
    }

    [Fact]
    [Goal("3.3-2")]
    public void Random_messages_over_random_codes_decode_exactly()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 40; trial++)
        {
            var f = Enumerable.Range(0, 256).Select(i => random.Next(3) == 0 ? 0L : (long)(1 + 1e6 / Math.Pow(i + 1, random.NextDouble() * 2.5))).ToArray();
            var (lengths, _) = HuffmanEncoder.ChooseLengths(f);
            var alphabet = Enumerable.Range(0, 256).Where(s => lengths[s] > 0).Select(s => (byte)s).ToArray();
            var message = Enumerable.Range(0, random.Next(0, 3000)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var (padded, length) = EncodeSymbols(message, lengths);
            var output = new byte[message.Length];
            var used = HuffmanDecoder.DecodeSymbols(padded, length * 8L, DecodingTable.Build(lengths), output);
            Assert.Equal(message, output);
            Assert.Equal(length, (used + 7) / 8);
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Codes_up_to_fifteen_bits_decode_through_the_long_path()
    {
        var lengths = new byte[256];
        for (var s = 0; s < 15; s++) lengths[s] = (byte)(s + 1); // 1, 2, …, 14, 15 bits: a path-shaped code
        lengths[15] = 15;
        Assert.Equal(1.0, HuffmanCode.KraftSum(lengths));
        var message = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 16)).ToArray();
        var (padded, length) = EncodeSymbols(message, lengths);
        var output = new byte[message.Length];
        HuffmanDecoder.DecodeSymbols(padded, length * 8L, DecodingTable.Build(lengths), output);
        Assert.Equal(message, output);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Bits_that_start_no_code_are_reported_with_their_position()
    {
        var lengths = new byte[256];
        lengths['z'] = 1; // the only code is 0; a 1 bit starts no code
        byte[] padded = [0b0010_0000, .. new byte[BitReader.Padding]];
        var output = new byte[8];
        var used = HuffmanDecoder.DecodeSymbols(padded, 8, DecodingTable.Build(lengths), output);
        Assert.Equal(-3, used); // bit 2
    }
}
