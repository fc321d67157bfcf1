namespace StatelessMind.Labs.MassiveData.Data;

/// <summary>A data file that does not have the expected form: which file, which line (1-based) and column, what was
/// expected and what was found. Nothing is skipped silently: a loader stops at the first bad line.</summary>
public sealed class DataFormatException(string file, int line, int column, string expected, string found)
    : Exception($"{file}, line {line}, column {column}: expected {expected}, found '{(found.Length > 60 ? found[..60] + "…" : found)}'.")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Expected { get; } = expected;
}
