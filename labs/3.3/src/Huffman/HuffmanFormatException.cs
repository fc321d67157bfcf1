namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>A compressed stream that is not a valid Huffman file: the byte offset in the compressed stream where the
/// problem was found, the field being read, what was expected and what was found. The decoder never returns data
/// it could not verify.</summary>
public sealed class HuffmanFormatException(long offset, string field, string expected, string found)
    : Exception($"Huffman stream, offset {offset}, {field}: expected {expected}, found {found}.")
{
    public long Offset { get; } = offset;
    public string Field { get; } = field;
    public string Expected { get; } = expected;
    public string Found { get; } = found;
}
