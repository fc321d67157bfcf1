namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>A /proc file did not have the expected form: which file, and what was expected.</summary>
public sealed class ProcFormatException(string file, string expected) : Exception($"{file}: expected {expected}.")
{
    public string File { get; } = file;
}
