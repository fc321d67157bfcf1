using System.Buffers.Binary;
using System.IO.Hashing;

namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Streaming encoder: reads the input a block at a time, counts the bytes of the block, builds their Huffman code
/// (package-merge instead when a code would exceed 15 bits), and writes the block's header and payload
/// (<see cref="HuffmanFormat"/>). Memory is one block, whatever the input's size.
/// </summary>
public static class HuffmanEncoder
{
    public static async Task<IReadOnlyList<BlockStatistics>> EncodeAsync(Stream input, Stream output, HuffmanOptions? options = null,
        CancellationToken cancellationToken = default, HuffmanBug bug = HuffmanBug.None)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new HuffmanOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BlockSize, HuffmanFormat.MaxBlockLength);
        var block = new byte[options.BlockSize];
        var writer = new BitWriter(options.BlockSize / 2);
        var header = new byte[HuffmanFormat.BlockHeaderLength];
        var statistics = new List<BlockStatistics>();
        var total = new Crc32();
        long totalLength = 0;
        await output.WriteAsync(HuffmanFormat.Magic.ToArray(), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(new[] { HuffmanFormat.Version }, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var read = await input.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            var data = block.AsMemory(0, read);
            total.Append(data.Span);
            totalLength += read;
            var stats = EncodeBlock(data.Span, writer, bug);
            statistics.Add(stats);
            HuffmanFormat.WriteBlockHeader(header, read, writer.Written.Length, Crc32.HashToUInt32(data.Span), stats.StreamLengths, stats.Lengths);
            await output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(writer.Written.ToArray(), cancellationToken).ConfigureAwait(false);
            if (read < block.Length) break;
        }
        var end = new byte[HuffmanFormat.EndLength];
        BinaryPrimitives.WriteUInt64LittleEndian(end.AsSpan(4), (ulong)totalLength);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), total.GetCurrentHashAsUInt32());
        await output.WriteAsync(end, cancellationToken).ConfigureAwait(false);
        return statistics;
    }

    /// <summary>Encodes a buffer in memory (the same format).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> data, HuffmanOptions? options = null, HuffmanBug bug = HuffmanBug.None)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using var input = new MemoryStream(data.ToArray(), writable: false);
        EncodeAsync(input, output, options, CancellationToken.None, bug).GetAwaiter().GetResult(); // memory streams complete synchronously
        return output.ToArray();
    }

    /// <summary>The code lengths for one block's byte counts: Huffman's, or package-merge's when they exceed 15 bits.</summary>
    public static (byte[] Lengths, bool Limited) ChooseLengths(long[] frequencies, HuffmanBug bug = HuffmanBug.None)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var weights = bug == HuffmanBug.IgnoresFrequencies ? [.. frequencies.Select(f => f > 0 ? 1L : 0L)] : frequencies;
        var lengths = HuffmanCode.CodeLengths(weights);
        if (lengths.Max() <= CanonicalCode.MaxLength) return (lengths, false);
        return (PackageMerge.CodeLengths(weights, CanonicalCode.MaxLength), true);
    }

    internal static BlockStatistics EncodeBlock(ReadOnlySpan<byte> data, BitWriter writer, HuffmanBug bug)
    {
        var frequencies = new long[256];
        foreach (var b in data) frequencies[b]++;
        var (lengths, limited) = ChooseLengths(frequencies, bug);
        var codes = CanonicalCode.Assign(lengths);
        writer.Reset();
        var streamLengths = new int[HuffmanFormat.Streams];
        for (var j = 0; j < HuffmanFormat.Streams; j++)
        {
            var before = writer.Written.Length;
            var (start, end) = HuffmanFormat.StreamRange(data.Length, j);
            foreach (var b in data[start..end]) writer.Write(codes[b], lengths[b]);
            if (bug != HuffmanBug.LastBitsNotFlushed) writer.Flush();
            streamLengths[j] = writer.Written.Length - before;
        }
        return new BlockStatistics(frequencies, lengths, limited, writer.Written.Length, streamLengths);
    }
}
