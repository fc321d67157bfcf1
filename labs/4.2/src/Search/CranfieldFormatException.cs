namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>A line of a Cranfield/TREC file that does not fit the format: which file, which line, what was expected.</summary>
public sealed class CranfieldFormatException(string file, int line, string problem)
    : FormatException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    /// <summary>The 1-based line number (0 when the problem is the file as a whole).</summary>
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
