namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Variable-byte integers: seven bits per byte, low groups first; the high bit says another byte follows. Small
/// numbers — the gaps between sorted document numbers and positions — take one byte.
/// </summary>
public static class VarByte
{
    public static void Write(List<byte> output, int value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var v = (uint)value;
        while (v >= 0x80)
        {
            output.Add((byte)(v | 0x80));
            v >>= 7;
        }
        output.Add((byte)v);
    }

    /// <summary>Reads one number at <paramref name="offset"/> and moves the offset past it.</summary>
    /// <exception cref="FormatException">The number runs past the end of the data or does not fit in an int.</exception>
    public static int Read(ReadOnlySpan<byte> data, ref int offset)
    {
        #region Exercise 4.2-1a: variable-byte decoding, seven bits per byte low groups first, with an error for a number that runs past the end (tests: VarByteTests, PostingsCodecTests, InvertedIndexTests, TfIdfRankerTests, BooleanSearchTests, IndexFileTests, LuceneAgreementTests, SearchPlantedBugTests, ExperimentTests.The_search_experiment_holds_at_small_scale)
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (offset >= data.Length)
                throw new FormatException($"a variable-byte number runs past the end of the data at offset {offset}");
            var b = data[offset++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (value > int.MaxValue) throw new FormatException($"a variable-byte number ending at offset {offset - 1} does not fit in an int");
                return (int)value;
            }
        }
        throw new FormatException($"a variable-byte number longer than five bytes ends at offset {offset - 1}");
        #endregion
    }
}
