namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>A graph file does not follow its format: which line, what was found, what was expected.</summary>
public sealed class GraphFormatException(int line, string found, string expected)
    : FormatException($"line {line}: '{found}' - expected {expected}.")
{
    public int Line { get; } = line;
}
