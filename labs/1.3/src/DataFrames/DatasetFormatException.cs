namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// A data set that cannot be read as the expected table: a missing column, a row with the wrong number of fields,
/// a broken quote or an empty file. Names the source, the 1-based line (0 when the problem is not on one line) and
/// the column involved, if any.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string source, long line, string? column, string problem)
        : base($"{source}{(line > 0 ? $", line {line}" : "")}{(column is null ? "" : $", column '{column}'")}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public DatasetFormatException() : this("(unknown)", 0, null, "unreadable data set") { }

    public DatasetFormatException(string message) : base(message)
    {
        Source = "(unknown)";
        Problem = message;
    }

    public DatasetFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Source = "(unknown)";
        Problem = message;
    }

    /// <summary>The file or stream that was being read.</summary>
    public new string Source { get; }

    /// <summary>1-based line number of the offending row; 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The column the problem concerns, or null.</summary>
    public string? Column { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Problem { get; }
}
