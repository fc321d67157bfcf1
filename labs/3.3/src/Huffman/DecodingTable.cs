namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Table-driven decoding of a canonical code. The next <see cref="TableBits"/> bits index <see cref="Entries"/>:
/// an entry gives one symbol, or two when both codes fit in the window (a text's common pairs decode in one lookup),
/// with the bits they take; codes longer than the window are marked and decoded from the per-length first codes,
/// the canonical code's arithmetic. An entry is 32 bits: symbol 1 (bits 0–7), symbol 2 (8–15), kind (16–17: 0 no code
/// starts with these bits, 1 one symbol, 2 two symbols, 3 a long code), bits taken (18–22), length of symbol 1 (23–26),
/// and <see cref="ShortCodeFlag"/> (27) for kinds 1 and 2.
/// </summary>
public sealed class DecodingTable
{
    public const int TableBits = 13;
    public const uint KindInvalid = 0, KindOne = 1, KindTwo = 2, KindLong = 3;

    /// <summary>Set (bit 27) in the entries of kinds one and two: the decoder's fast path tests this one bit.</summary>
    public const uint ShortCodeFlag = 1u << 27;

    private DecodingTable(uint[] entries, int[] firstCode, int[] count, int[] offset, byte[] sortedSymbols)
    {
        Entries = entries;
        FirstCode = firstCode;
        Count = count;
        Offset = offset;
        SortedSymbols = sortedSymbols;
    }

    public uint[] Entries { get; }

    /// <summary>Per length: the first canonical code of that length, how many codes have it, and where its symbols
    /// start in <see cref="SortedSymbols"/> (symbols sorted by length, then value).</summary>
    internal int[] FirstCode { get; }
    internal int[] Count { get; }
    internal int[] Offset { get; }
    internal byte[] SortedSymbols { get; }

    public static uint Entry(int symbol1, int symbol2, uint kind, int bits, int length1) =>
        (uint)symbol1 | (uint)symbol2 << 8 | kind << 16 | (uint)bits << 18 | (uint)length1 << 23 | (kind is KindOne or KindTwo ? ShortCodeFlag : 0);

    public static DecodingTable Build(ReadOnlySpan<byte> lengths)
    {
        var codes = CanonicalCode.Assign(lengths);
        var count = new int[CanonicalCode.MaxLength + 1];
        foreach (var l in lengths)
            if (l > 0) count[l]++;
        var firstCode = new int[CanonicalCode.MaxLength + 2];
        var offset = new int[CanonicalCode.MaxLength + 2];
        for (var l = 1; l <= CanonicalCode.MaxLength; l++)
        {
            firstCode[l + 1] = (firstCode[l] + count[l]) << 1;
            offset[l + 1] = offset[l] + count[l];
        }
        var sorted = new byte[offset[CanonicalCode.MaxLength] + count[CanonicalCode.MaxLength]];
        var fill = (int[])offset.Clone();
        for (var l = 1; l <= CanonicalCode.MaxLength; l++)
            for (var s = 0; s < lengths.Length; s++)
                if (lengths[s] == l) sorted[fill[l]++] = (byte)s;
        var entries = new uint[1 << TableBits];
        FillEntries(lengths, codes, entries);
        return new DecodingTable(entries, firstCode, count, offset, sorted);
    }

    private static void FillEntries(ReadOnlySpan<byte> lengths, uint[] codes, uint[] entries)
    {
        #region Exercise 3.3-2e: fill the lookup table with one-symbol entries, then two-symbol entries where both codes fit, and mark long codes (tests: DecodingTableTests)
        const int t = TableBits;
        for (var s = 0; s < lengths.Length; s++)
        {
            int l = lengths[s];
            if (l == 0) continue;
            if (l <= t)
            {
                var first = (int)(codes[s] << (t - l));
                for (var i = 0; i < 1 << (t - l); i++) entries[first + i] = Entry(s, 0, KindOne, l, l);
            }
            else
            {
                entries[codes[s] >> (l - t)] = Entry(0, 0, KindLong, 0, 0); // the window holds only a prefix of the code
            }
        }
        for (var s1 = 0; s1 < lengths.Length; s1++)
        {
            int l1 = lengths[s1];
            if (l1 == 0 || l1 >= t) continue;
            for (var s2 = 0; s2 < lengths.Length; s2++)
            {
                int l2 = lengths[s2];
                if (l2 == 0 || l1 + l2 > t) continue;
                var first = (int)((codes[s1] << (t - l1)) | (codes[s2] << (t - l1 - l2)));
                for (var i = 0; i < 1 << (t - l1 - l2); i++) entries[first + i] = Entry(s1, s2, KindTwo, l1 + l2, l1);
            }
        }
        #endregion
    }

    /// <summary>Decodes a code longer than the window from the next <see cref="CanonicalCode.MaxLength"/> bits; −1 if none matches.</summary>
    public int DecodeLong(uint next15, out int length)
    {
        for (length = TableBits + 1; length <= CanonicalCode.MaxLength; length++)
        {
            var code = (int)(next15 >> (CanonicalCode.MaxLength - length));
            var index = code - FirstCode[length];
            if (index >= 0 && index < Count[length]) return SortedSymbols[Offset[length] + index];
        }
        length = 0;
        return -1;
    }
}
