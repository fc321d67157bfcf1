namespace StatelessMind.Labs.Transformation.Project;

/// <summary>A project file that is missing or wrong: names the file and what was expected.</summary>
public sealed class DbtProjectException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
}
