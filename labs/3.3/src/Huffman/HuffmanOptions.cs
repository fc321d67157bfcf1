namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>Encoder settings. Each block gets its own code, so memory stays bounded for inputs of any size and
/// the code follows the data when its statistics change.</summary>
public sealed record HuffmanOptions
{
    /// <summary>Bytes per block (1 … <see cref="HuffmanFormat.MaxBlockLength"/>).</summary>
    public int BlockSize { get; init; } = 1 << 20;
}
