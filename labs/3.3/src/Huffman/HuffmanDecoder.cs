using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Streaming decoder: for each block, reads and checks the header, builds the decoding table from the code lengths,
/// decodes exactly the stated number of bytes, checks that the payload held exactly the bits used and that the CRC
/// matches, and only then writes the block out. Every problem is a <see cref="HuffmanFormatException"/> naming the
/// offset and field.
/// </summary>
public static class HuffmanDecoder
{
    public static async Task<long> DecodeAsync(Stream input, Stream output, CancellationToken cancellationToken = default, HuffmanBug bug = HuffmanBug.None)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        long offset = 0;
        var fileHeader = new byte[HuffmanFormat.FileHeaderLength];
        var got = await input.ReadAtLeastAsync(fileHeader, fileHeader.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got < 4 || !fileHeader.AsSpan(0, 4).SequenceEqual(HuffmanFormat.Magic))
            throw new HuffmanFormatException(0, "magic", "\"SMHF\"", got < 4 ? $"{got} bytes" : Convert.ToHexString(fileHeader, 0, 4));
        if (got < 5 || fileHeader[4] != HuffmanFormat.Version)
            throw new HuffmanFormatException(4, "version", $"{HuffmanFormat.Version}", got < 5 ? "end of stream" : $"{fileHeader[4]}");
        offset = HuffmanFormat.FileHeaderLength;
        var header = new byte[HuffmanFormat.BlockHeaderLength];
        var total = new Crc32();
        long totalLength = 0;
        while (true)
        {
            got = await input.ReadAtLeastAsync(header.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (got < 4) throw new HuffmanFormatException(offset, "block header or end marker", "4 bytes", $"{got} bytes (truncated)");
            var originalLength = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (originalLength == 0) break;
            got = await input.ReadAtLeastAsync(header.AsMemory(4), header.Length - 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (got < header.Length - 4) throw new HuffmanFormatException(offset, "block header", $"{HuffmanFormat.BlockHeaderLength} bytes", $"{got + 4} bytes (truncated)");
            if (originalLength > HuffmanFormat.MaxBlockLength)
                throw new HuffmanFormatException(offset, "block length", $"at most {HuffmanFormat.MaxBlockLength}", $"{originalLength}");
            var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (payloadLength > HuffmanFormat.MaxPayload(originalLength))
                throw new HuffmanFormatException(offset + 4, "payload length", $"at most {HuffmanFormat.MaxPayload(originalLength)} for {originalLength} bytes", $"{payloadLength}");
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            var streamLengths = new int[HuffmanFormat.Streams];
            long streamsSoFar = 0;
            for (var j = 0; j < HuffmanFormat.Streams - 1; j++)
            {
                streamLengths[j] = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12 + 4 * j)));
                streamsSoFar += streamLengths[j];
                if (streamsSoFar > payloadLength)
                    throw new HuffmanFormatException(offset + 12 + 4 * j, $"length of stream {j}", $"streams within the {payloadLength}-byte payload", $"{streamsSoFar} bytes by stream {j}");
            }
            streamLengths[^1] = (int)(payloadLength - streamsSoFar);
            var lengths = HuffmanFormat.ReadLengths(header.AsSpan(24));
            var table = TableFor(lengths, offset + 24);
            offset += HuffmanFormat.BlockHeaderLength;

            var payload = ArrayPool<byte>.Shared.Rent((int)payloadLength + BitReader.Padding);
            var decoded = ArrayPool<byte>.Shared.Rent((int)originalLength);
            try
            {
                got = await input.ReadAtLeastAsync(payload.AsMemory(0, (int)payloadLength), (int)payloadLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (got < payloadLength) throw new HuffmanFormatException(offset + got, "payload", $"{payloadLength} bytes", $"{got} bytes (truncated)");
                Array.Clear(payload, (int)payloadLength, BitReader.Padding);
                var block = decoded.AsSpan(0, (int)originalLength);
                DecodeBlock(payload.AsSpan(0, (int)payloadLength + BitReader.Padding), streamLengths, table, block, offset);
                if (bug != HuffmanBug.CrcNotChecked && Crc32.HashToUInt32(block) != crc)
                    throw new HuffmanFormatException(offset - HuffmanFormat.BlockHeaderLength + 8, "block CRC", $"{crc:x8}", $"{Crc32.HashToUInt32(block):x8} over the decoded bytes");
                total.Append(block);
                totalLength += originalLength;
                await output.WriteAsync(decoded.AsMemory(0, (int)originalLength), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
                ArrayPool<byte>.Shared.Return(decoded);
            }
            offset += payloadLength;
        }
        var end = new byte[HuffmanFormat.EndLength - 4];
        got = await input.ReadAtLeastAsync(end, end.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got < end.Length) throw new HuffmanFormatException(offset + 4, "end marker", $"{end.Length} bytes of length and CRC", $"{got} bytes (truncated)");
        var statedLength = BinaryPrimitives.ReadUInt64LittleEndian(end);
        if (statedLength != (ulong)totalLength)
            throw new HuffmanFormatException(offset + 4, "total length", $"{totalLength} (the blocks' sum)", $"{statedLength}");
        var statedCrc = BinaryPrimitives.ReadUInt32LittleEndian(end.AsSpan(8));
        if (bug != HuffmanBug.CrcNotChecked && statedCrc != total.GetCurrentHashAsUInt32())
            throw new HuffmanFormatException(offset + 12, "file CRC", $"{statedCrc:x8}", $"{total.GetCurrentHashAsUInt32():x8} over the decoded bytes");
        var extra = new byte[1];
        if (await input.ReadAsync(extra, cancellationToken).ConfigureAwait(false) > 0)
            throw new HuffmanFormatException(offset + HuffmanFormat.EndLength, "end of stream", "no bytes after the end marker", "more bytes");
        return totalLength;
    }

    /// <summary>Decodes a buffer in memory.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> encoded, HuffmanBug bug = HuffmanBug.None)
    {
        using var input = new MemoryStream(encoded.ToArray(), writable: false);
        using var output = new MemoryStream();
        DecodeAsync(input, output, CancellationToken.None, bug).GetAwaiter().GetResult(); // memory streams complete synchronously
        return output.ToArray();
    }

    private static DecodingTable TableFor(byte[] lengths, long offset)
    {
        var kraft = HuffmanCode.KraftSum(lengths);
        if (kraft > 1)
            throw new HuffmanFormatException(offset, "code lengths", "lengths of a prefix code (Kraft sum ≤ 1)", $"a Kraft sum of {kraft}");
        if (kraft == 0)
            throw new HuffmanFormatException(offset, "code lengths", "at least one symbol with a code", "none");
        return DecodingTable.Build(lengths);
    }

    /// <summary>Decodes one block's four streams into <paramref name="output"/> and checks that each used exactly its bits,
    /// with zero padding.</summary>
    /// <param name="padded">The payload followed by <see cref="BitReader.Padding"/> zero bytes.</param>
    internal static void DecodeBlock(ReadOnlySpan<byte> padded, ReadOnlySpan<int> streamLengths, DecodingTable table, Span<byte> output, long offset)
    {
        var used = DecodeStreams(padded, streamLengths, table, output);
        var start = 0;
        for (var j = 0; j < HuffmanFormat.Streams; j++)
        {
            var length = streamLengths[j];
            var (first, end) = HuffmanFormat.StreamRange(output.Length, j);
            var at = offset + start;
            if (used[j] < 0)
                throw new HuffmanFormatException(at + (-used[j] - 1) / 8, $"payload stream {j}", "a code of the block's table", $"bits matching no code at bit {-used[j] - 1} of the stream");
            if (used[j] > length * 8L)
                throw new HuffmanFormatException(at + length, $"payload stream {j}", $"{end - first} symbols in {length} bytes", $"the stream ending after {used[j]} bits were needed");
            if ((used[j] + 7) / 8 != length)
                throw new HuffmanFormatException(at + (used[j] + 7) / 8, $"length of stream {j}", $"{(used[j] + 7) / 8} bytes (the bits its symbols used)", $"{length}");
            var padding = (int)(length * 8L - used[j]);
            if (padding > 0 && (padded[start + length - 1] & ((1 << padding) - 1)) != 0)
                throw new HuffmanFormatException(at + length - 1, $"padding of stream {j}", $"{padding} zero bits", $"0x{padded[start + length - 1]:x2} in its last byte");
            start += length;
        }
    }

    /// <summary>
    /// Decodes the four streams of a block. The fast loop follows all four at once while every stream has six or more
    /// symbols to go: one refill (≥ 56 bits) per stream, then three lookups per stream (at most 45 bits), each lookup
    /// storing two bytes. It keeps each stream's reader in plain locals and uses pointers, so that the JIT holds the
    /// sixteen variables in registers; <see cref="DecodeStream"/> then finishes each stream (and reports a bad code).
    /// Returns the bits each stream consumed (see <see cref="DecodeStream"/> for the meaning of the values).
    /// </summary>
    internal static unsafe long[] DecodeStreams(ReadOnlySpan<byte> padded, ReadOnlySpan<int> streamLengths, DecodingTable table, Span<byte> output)
    {
        var n = output.Length;
        int s0 = 0, s1 = streamLengths[0], s2 = s1 + streamLengths[1], s3 = s2 + streamLengths[2];
        var (o0, e0) = HuffmanFormat.StreamRange(n, 0);
        var (o1, e1) = HuffmanFormat.StreamRange(n, 1);
        var (o2, e2) = HuffmanFormat.StreamRange(n, 2);
        var (o3, e3) = HuffmanFormat.StreamRange(n, 3);
        long l0 = streamLengths[0] * 8L, l1 = streamLengths[1] * 8L, l2 = streamLengths[2] * 8L, l3 = streamLengths[3] * 8L;
        ulong b0 = 0, b1 = 0, b2 = 0, b3 = 0; // the next bits of each stream, at the top
        int c0 = 0, c1 = 0, c2 = 0, c3 = 0;   // how many bits each holds
        int p0 = 0, p1 = 0, p2 = 0, p3 = 0;   // bytes loaded from each stream
        if (n > 0)
        {
            fixed (byte* source = padded)
            fixed (uint* entries = table.Entries)
            fixed (byte* destination = output)
            {
                byte* in0 = source + s0, in1 = source + s1, in2 = source + s2, in3 = source + s3;
                var ok = true;
                // A stream whose loads have reached its stated length leaves the rest to the checked loop: corrupt lengths
                // or codes can make a stream need more bits than it holds, and no load may pass the padding.
                while (ok && o0 + 6 <= e0 && o1 + 6 <= e1 && o2 + 6 <= e2 && o3 + 6 <= e3
                       && p0 <= streamLengths[0] && p1 <= streamLengths[1] && p2 <= streamLengths[2] && p3 <= streamLengths[3])
                {
                    Refill(in0, ref b0, ref c0, ref p0);
                    Refill(in1, ref b1, ref c1, ref p1);
                    Refill(in2, ref b2, ref c2, ref p2);
                    Refill(in3, ref b3, ref c3, ref p3);
                    // Written out three times rather than looped: the JIT does not unroll it, and the loop costs a third.
                    ok &= Step(entries, destination, table, ref b0, ref c0, ref o0);
                    ok &= Step(entries, destination, table, ref b1, ref c1, ref o1);
                    ok &= Step(entries, destination, table, ref b2, ref c2, ref o2);
                    ok &= Step(entries, destination, table, ref b3, ref c3, ref o3);
                    ok &= Step(entries, destination, table, ref b0, ref c0, ref o0);
                    ok &= Step(entries, destination, table, ref b1, ref c1, ref o1);
                    ok &= Step(entries, destination, table, ref b2, ref c2, ref o2);
                    ok &= Step(entries, destination, table, ref b3, ref c3, ref o3);
                    ok &= Step(entries, destination, table, ref b0, ref c0, ref o0);
                    ok &= Step(entries, destination, table, ref b1, ref c1, ref o1);
                    ok &= Step(entries, destination, table, ref b2, ref c2, ref o2);
                    ok &= Step(entries, destination, table, ref b3, ref c3, ref o3);
                }
            }
        }
        // The one-symbol loop finishes each stream, and finds and reports exactly a bad code that stopped the fast loop.
        var r0 = new BitReader(padded[s0..], p0, b0, c0);
        var r1 = new BitReader(padded[s1..], p1, b1, c1);
        var r2 = new BitReader(padded[s2..], p2, b2, c2);
        var r3 = new BitReader(padded[s3..], p3, b3, c3);
        return
        [
            DecodeStream(ref r0, l0, table, output[o0..e0]),
            DecodeStream(ref r1, l1, table, output[o1..e1]),
            DecodeStream(ref r2, l2, table, output[o2..e2]),
            DecodeStream(ref r3, l3, table, output[o3..e3]),
        ];
    }

    /// <summary><see cref="BitReader.Refill"/> on a reader held in locals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Refill(byte* stream, ref ulong bits, ref int count, ref int position)
    {
        var word = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(stream + position));
        bits |= word >> count;
        position += (63 - count) >> 3;
        count |= 56;
    }

    /// <summary>One lookup: stores one or two symbols (two bytes are always written; the caller leaves room), or decodes
    /// a long code; false when the bits start no code (then nothing is consumed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool Step(uint* entries, byte* destination, DecodingTable table, ref ulong bits, ref int count, ref int o)
    {
        var entry = entries[bits >> (64 - DecodingTable.TableBits)];
        if ((entry & DecodingTable.ShortCodeFlag) == 0) entry = LongEntry(table, bits); // rare: a code longer than the window, or none
        Unsafe.WriteUnaligned(destination + o, (ushort)entry);
        o += (int)(entry >> 16) & 3;
        var taken = (int)(entry >> 18) & 31;
        bits <<= taken;
        count -= taken;
        return entry != 0;
    }

    /// <summary>An entry for a long code at the top of <paramref name="bits"/>: one symbol and its length; 0 (no symbol,
    /// nothing consumed) when the bits start no code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint LongEntry(DecodingTable table, ulong bits)
    {
        var symbol = table.DecodeLong((uint)(bits >> (64 - CanonicalCode.MaxLength)), out var length);
        return symbol < 0 ? 0 : DecodingTable.Entry(symbol, 0, DecodingTable.KindOne, length, length);
    }

    /// <summary>
    /// Decodes <paramref name="output"/>.Length symbols from <paramref name="reader"/>, one per lookup. Returns the bits the
    /// reader has consumed in all; more than <paramref name="bitLimit"/> means the stream ran out; a negative value
    /// −(b + 1) means the bits at position b start no code.
    /// </summary>
    internal static long DecodeStream(ref BitReader reader, long bitLimit, DecodingTable table, Span<byte> output)
    {
        #region Exercise 3.3-2e: decode symbol after symbol with the table (the first symbol of an entry), codes longer than the window from the per-length first codes (tests: DecodingTableTests, HuffmanFileTests.Round_trip_is_lossless, HuffmanFileTests.Streams_of_many_blocks_round_trip_and_report_each_block)
        var entries = table.Entries;
        for (var o = 0; o < output.Length; o++)
        {
            if (reader.BitsConsumed > bitLimit) return reader.BitsConsumed;
            if (reader.Available < CanonicalCode.MaxLength) reader.Refill();
            var entry = entries[reader.Peek(DecodingTable.TableBits)];
            var kind = (entry >> 16) & 3;
            if (kind is DecodingTable.KindOne or DecodingTable.KindTwo)
            {
                output[o] = (byte)entry;
                reader.Consume((int)(entry >> 23) & 15);
            }
            else if (kind == DecodingTable.KindLong)
            {
                var symbol = table.DecodeLong(reader.Peek(CanonicalCode.MaxLength), out var length);
                if (symbol < 0) return -reader.BitsConsumed - 1;
                output[o] = (byte)symbol;
                reader.Consume(length);
            }
            else return -reader.BitsConsumed - 1;
        }
        return reader.BitsConsumed;
        #endregion
    }

    /// <summary>Decodes one stream on its own (tests and tools): <see cref="DecodeStream"/> from the start of <paramref name="padded"/>.</summary>
    internal static long DecodeSymbols(ReadOnlySpan<byte> padded, long payloadBits, DecodingTable table, Span<byte> output)
    {
        var reader = new BitReader(padded);
        return DecodeStream(ref reader, payloadBits, table, output);
    }
}
