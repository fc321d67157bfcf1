namespace StatelessMind.Labs.LearningData.Data;

/// <summary>How <see cref="CsvDatasetReader"/> reads a delimited file: with a header row (the usual CSV) or without one
/// (the UCI repository's <c>.data</c> layout), which column is the target, and how a missing value is written.</summary>
public sealed record CsvDatasetOptions
{
    /// <summary>The first line names the columns. Without a header, columns are named <c>x0</c>, <c>x1</c> …</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The target column: its header name, or its 0-based index as text; null means the last column.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>Classification: the target is a class name (any text), mapped to indices in sorted order of the names.
    /// Regression: the target is a number.</summary>
    public bool Classification { get; init; } = true;

    public char Delimiter { get; init; } = ',';

    /// <summary>Cells that mean "missing" (NaN in the features); UCI files use '?'.</summary>
    public IReadOnlyList<string> MissingMarkers { get; init; } = ["", "?", "NA"];

    /// <summary>The UCI layout: no header, comma-separated, the class in the last column, '?' for missing.</summary>
    public static CsvDatasetOptions Uci { get; } = new() { HasHeader = false };
}
