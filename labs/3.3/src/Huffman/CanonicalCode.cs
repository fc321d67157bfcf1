namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// The canonical code for a set of lengths (as in Deflate): symbols sorted by (length, symbol value) get consecutive
/// codes, and moving to a longer length appends zeros. The lengths alone then define the code, so the file stores
/// 4 bits per symbol instead of a tree, and the decoder can find a code from its first bits by arithmetic.
/// </summary>
public static class CanonicalCode
{
    /// <summary>The longest code the file format allows (lengths are stored in 4 bits).</summary>
    public const int MaxLength = 15;

    /// <summary>The code of each symbol, right-aligned in its length (0 for absent symbols).</summary>
    /// <exception cref="ArgumentException">The lengths are longer than <see cref="MaxLength"/> or break Kraft's inequality.</exception>
    public static uint[] Assign(ReadOnlySpan<byte> lengths)
    {
        foreach (var l in lengths)
            if (l > MaxLength) throw new ArgumentException($"A code length of {l} exceeds {MaxLength}.", nameof(lengths));
        if (HuffmanCode.KraftSum(lengths) > 1) throw new ArgumentException("The code lengths break Kraft's inequality: no prefix code has them.", nameof(lengths));
        var codes = new uint[lengths.Length];
        AssignCodes(lengths, codes);
        return codes;
    }

    private static void AssignCodes(ReadOnlySpan<byte> lengths, uint[] codes)
    {
        #region Exercise 3.3-2c: give symbols sorted by (length, value) consecutive codes, shifting left when the length grows (tests: CanonicalCodeTests.The_deflate_specification_example, CanonicalCodeTests.Codes_are_prefix_free_and_ordered_by_length_then_symbol)
        var perLength = new int[MaxLength + 1];
        foreach (var l in lengths)
            if (l > 0) perLength[l]++;
        // The first code of each length: one past the last code of the previous length, shifted by one bit.
        var next = new uint[MaxLength + 2];
        uint code = 0;
        for (var l = 1; l <= MaxLength; l++)
        {
            code = (code + (uint)perLength[l - 1]) << 1;
            next[l] = code;
        }
        for (var s = 0; s < lengths.Length; s++)
            if (lengths[s] > 0) codes[s] = next[lengths[s]]++;
        #endregion
    }
}
