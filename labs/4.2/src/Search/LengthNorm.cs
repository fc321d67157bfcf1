namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// ClassicSimilarity's length norm, 1/√(number of tokens), as Lucene stores it: in one byte, a float with a 3-bit
/// mantissa and a 5-bit exponent (zero point 15). The own engine applies the same rounding so that its scores can be
/// compared with Lucene's exactly rather than to within the rounding's 10–20 %.
/// </summary>
public static class LengthNorm
{
    private const int MantissaBits = 3;
    private const int ZeroExponent = 15;

    public static float Of(int tokens) => tokens <= 0 ? 0f : Decode(Encode((float)(1.0 / Math.Sqrt(tokens))));

    /// <summary>The byte for a non-negative float: its top exponent and mantissa bits, clamped to the byte's range.</summary>
    public static byte Encode(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        var small = bits >> (24 - MantissaBits);
        var floor = (63 - ZeroExponent) << MantissaBits;
        if (small <= floor) return bits <= 0 ? (byte)0 : (byte)1;
        if (small >= floor + 0x100) return 255;
        return (byte)(small - floor);
    }

    public static float Decode(byte encoded)
    {
        if (encoded == 0) return 0f;
        var bits = encoded << (24 - MantissaBits);
        bits += (63 - ZeroExponent) << 24;
        return BitConverter.Int32BitsToSingle(bits);
    }
}
