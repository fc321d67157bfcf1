namespace StatelessMind.Labs.DatabaseTheory.CapPaper;

/// <summary>The paper's Markdown breaks one of its rules (which file, which line, what was expected).</summary>
public sealed class PaperFormatException(string path, int line, string problem) : Exception($"{path}:{line}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
}
