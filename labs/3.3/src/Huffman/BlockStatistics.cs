namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>What the encoder decided for one block: its byte counts, the code lengths it chose, whether the 15-bit
/// limit forced package-merge, and the payload size (and that of each of its streams).</summary>
public sealed record BlockStatistics(long[] Frequencies, byte[] Lengths, bool LengthLimited, int PayloadBytes, int[] StreamLengths)
{
    public long OriginalLength => Frequencies.Sum();

    /// <summary>Order-0 entropy of the block, bits per byte.</summary>
    public double Entropy => HuffmanCode.Entropy(Frequencies);

    /// <summary>Average code length, bits per byte (payload padding and header excluded).</summary>
    public double AverageLength => OriginalLength == 0 ? 0 : (double)HuffmanCode.Cost(Frequencies, Lengths) / OriginalLength;
}
