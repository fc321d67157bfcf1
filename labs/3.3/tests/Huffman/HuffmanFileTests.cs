using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>The file format end to end: round trips, streaming, corrupt and truncated input, and the planted bugs.</summary>
public sealed class HuffmanFileTests
{
    public static TheoryData<string> Inputs => new() { "one byte", "one symbol", "all 256", "random", "skewed", "text", "fibonacci" };

    internal static byte[] Input(string name)
    {
        var random = new Random(name.Length);
        return name switch
        {
            "empty" => [],
            "one byte" => [42],
            "one symbol" => [.. Enumerable.Repeat((byte)'q', 10_000)],
            "all 256" => [.. Enumerable.Range(0, 256 * 40).Select(i => (byte)(i * 31))],
            "random" => RandomBytes(random, 100_000),
            "skewed" => [.. Enumerable.Range(0, 100_000).Select(_ => (byte)Math.Min(255, (int)(-Math.Log(1 - random.NextDouble()) * 3)))],
            "text" => System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. ", 400))),
            "fibonacci" => Fibonacci(),
            _ => throw new ArgumentException(name, nameof(name)),
        };
    }

    private static byte[] RandomBytes(Random random, int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Byte i appears Fib(i) times (i &lt; 25): Huffman wants a 24-level tree; the encoder must limit it to 15.</summary>
    private static byte[] Fibonacci()
    {
        var bytes = new List<byte>();
        long a = 1, b = 1;
        for (var i = 0; i < 25; i++)
        {
            bytes.AddRange(Enumerable.Repeat((byte)i, (int)a));
            (a, b) = (b, a + b);
        }
        var array = bytes.ToArray();
        new Random(2).Shuffle(array);
        return array;
    }

    [Theory]
    [Goal("3.3-2")]
    [MemberData(nameof(Inputs))]
    public void Round_trip_is_lossless(string name)
    {
        var input = Input(name);
        foreach (var blockSize in new[] { 1 << 20, 4096, 1 })
        {
            if (blockSize == 1 && input.Length > 300) continue;
            var encoded = HuffmanEncoder.Encode(input, new HuffmanOptions { BlockSize = blockSize });
            Assert.Equal(input, HuffmanDecoder.Decode(encoded));
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Empty_input_is_a_header_and_an_end_marker_and_round_trips()
    {
        var encoded = HuffmanEncoder.Encode([]);
        Assert.Equal(HuffmanFormat.FileHeaderLength + HuffmanFormat.EndLength, encoded.Length);
        Assert.Empty(HuffmanDecoder.Decode(encoded));
    }

    [Fact]
    [Goal("3.3-2")]
    public async Task Streams_of_many_blocks_round_trip_and_report_each_block()
    {
        var input = Input("skewed").Concat(Input("random")).Concat(Input("text")).ToArray();
        using var compressed = new MemoryStream();
        var blocks = await HuffmanEncoder.EncodeAsync(new MemoryStream(input), compressed, new HuffmanOptions { BlockSize = 10_000 }, CancellationToken.None);
        Assert.Equal((input.Length + 9_999) / 10_000, blocks.Count);
        Assert.Equal(input.Length, blocks.Sum(b => b.OriginalLength));
        compressed.Position = 0;
        using var decompressed = new MemoryStream();
        Assert.Equal(input.Length, await HuffmanDecoder.DecodeAsync(compressed, decompressed, CancellationToken.None));
        Assert.Equal(input, decompressed.ToArray());
        foreach (var b in blocks) Assert.True(b.Entropy <= b.AverageLength + 1e-12 && b.AverageLength < b.Entropy + 1, $"H = {b.Entropy}, L = {b.AverageLength}");
    }

    [Fact]
    [Goal("3.3-2")]
    public void Skewed_data_compresses_near_its_entropy()
    {
        var input = Input("skewed");
        var encoded = HuffmanEncoder.Encode(input);
        var frequencies = new long[256];
        foreach (var b in input) frequencies[b]++;
        var entropyBytes = HuffmanCode.Entropy(frequencies) * input.Length / 8;
        Assert.InRange(encoded.Length, entropyBytes, entropyBytes * 1.05 + 300);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Wrong_magic_version_and_lengths_are_reported_with_their_offsets()
    {
        var good = HuffmanEncoder.Encode(Input("text"));
        var magic = Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode([.. "PK\u0003\u0004"u8, .. good.AsSpan(4)]));
        Assert.Equal(("magic", 0L), (magic.Field, magic.Offset));
        var version = (byte[])good.Clone();
        version[4] = 9;
        Assert.Equal("version", Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode(version)).Field);
        var lengths = (byte[])good.Clone();
        for (var i = 0; i < 128; i++) lengths[HuffmanFormat.FileHeaderLength + 24 + i] = 0x11; // every symbol 1 bit
        var kraft = Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode(lengths));
        Assert.Equal(("code lengths", HuffmanFormat.FileHeaderLength + 24L), (kraft.Field, kraft.Offset));
    }

    [Fact]
    [Goal("3.3-2")]
    public void Every_truncation_is_a_format_error()
    {
        var good = HuffmanEncoder.Encode(Input("text")[..3000], new HuffmanOptions { BlockSize = 1000 });
        for (var length = 0; length < good.Length; length++)
        {
            var e = Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode(good.AsSpan(0, length)));
            Assert.InRange(e.Offset, 0, length);
        }
        Assert.Equal("end of stream", Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode([.. good, 0])).Field);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Every_flipped_bit_is_detected()
    {
        var input = Input("text")[..600];
        var good = HuffmanEncoder.Encode(input);
        for (var bit = 0; bit < good.Length * 8; bit++)
        {
            var bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode(bad));
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Planted_bug_not_flushing_the_last_bits_breaks_the_round_trip()
    {
        var input = Input("text")[..1001];
        var encoded = HuffmanEncoder.Encode(input, bug: HuffmanBug.LastBitsNotFlushed);
        Assert.Throws<HuffmanFormatException>(() => HuffmanDecoder.Decode(encoded));
    }

    [Fact]
    [Goal("3.3-2")]
    public void Planted_bug_skipping_the_crc_lets_corruption_through()
    {
        var input = Input("text")[..600];
        var good = HuffmanEncoder.Encode(input);
        var payloadStart = HuffmanFormat.FileHeaderLength + HuffmanFormat.BlockHeaderLength;
        // Find a flipped payload bit that still decodes (swapping one code for another of the same length).
        var undetected = Enumerable.Range(payloadStart * 8, 200).Select(bit =>
        {
            var bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            try
            {
                return HuffmanDecoder.Decode(bad, HuffmanBug.CrcNotChecked);
            }
            catch (HuffmanFormatException)
            {
                return null;
            }
        }).FirstOrDefault(d => d is not null);
        Assert.NotNull(undetected);
        Assert.NotEqual(input, undetected); // wrong data returned without an error: the CRC check is what catches it
    }
}
