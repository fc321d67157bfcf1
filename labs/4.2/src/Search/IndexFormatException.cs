namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>An index file that cannot be read: which file, what is wrong, and at which byte offset.</summary>
public sealed class IndexFormatException(string file, IndexFileProblem problem, long offset, string detail)
    : IOException($"{file}: {problem} at byte {offset}: {detail}")
{
    public string File { get; } = file;
    public IndexFileProblem Problem { get; } = problem;
    public long Offset { get; } = offset;
    public string Detail { get; } = detail;
}
