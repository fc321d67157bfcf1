namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>A template that cannot be parsed or rendered: names the file and the line, and what was wrong there.</summary>
public sealed class TemplateException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
