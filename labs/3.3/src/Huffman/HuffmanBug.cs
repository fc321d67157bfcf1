namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>Planted mistakes of the Huffman code (tests and the experiment's bug runs only).</summary>
public enum HuffmanBug
{
    None,

    /// <summary>The tree is built from which symbols occur, not how often (every present symbol weighs 1): still a valid
    /// prefix code, so round trips work, but no longer optimal.</summary>
    IgnoresFrequencies,

    /// <summary>The encoder does not flush the bits left in its accumulator at the end of a block: the last symbols are lost.</summary>
    LastBitsNotFlushed,

    /// <summary>The decoder does not compare the CRC of what it decoded with the one stored: corruption that still decodes goes unnoticed.</summary>
    CrcNotChecked,
}
