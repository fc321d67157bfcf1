namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>A line of an edge-list file that is neither a comment, blank, nor "from&lt;TAB&gt;to" with two node ids ≥ 0.</summary>
public sealed class EdgeListFormatException(string file, int line, string problem)
    : FormatException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    /// <summary>The 1-based line number.</summary>
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
