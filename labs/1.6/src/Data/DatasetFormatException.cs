namespace StatelessMind.Labs.LearningData.Data;

/// <summary>A data file does not have the layout its reader expects. Names the file, the line (1-based), the field
/// (0-based column, or -1 for the whole line) and what was expected there.</summary>
public sealed class DatasetFormatException(string file, int line, int field, string expected, string found)
    : Exception($"{file}, line {line}{(field >= 0 ? $", field {field}" : "")}: expected {expected}, found '{found}'.")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Field { get; } = field;
    public string Expected { get; } = expected;
    public string Found { get; } = found;
}
