namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>The file as a whole cannot be ingested (missing or wrong header): names the file, the line and what was expected.</summary>
public sealed class CsvFormatException : Exception
{
    public CsvFormatException(string file, long line, string message) : base($"{file}:{line}: {message}")
    {
        File = file;
        Line = line;
    }

    public CsvFormatException() { }

    public CsvFormatException(string message) : base(message) { }

    public CsvFormatException(string message, Exception innerException) : base(message, innerException) { }

    public string File { get; } = "";
    public long Line { get; }
}
