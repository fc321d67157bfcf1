namespace StatelessMind.SparkConnect;

/// <summary>
/// The rows a query returned, decoded from its Arrow batches. Values are .NET values: long, int, short, sbyte, double,
/// float, bool, string, decimal, byte[], DateOnly, DateTimeOffset, lists and structs (as lists and dictionaries), or
/// null.
/// </summary>
public sealed class SparkResult(IReadOnlyList<SparkColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows, int arrowBatches)
{
    public IReadOnlyList<SparkColumn> Columns { get; } = columns;
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; } = rows;

    /// <summary>How many Arrow record batches the rows came in.</summary>
    public int ArrowBatches { get; } = arrowBatches;

    /// <summary>The values of one column, by name.</summary>
    public IReadOnlyList<object?> Column(string name)
    {
        var index = Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Name == name, (null!, -1)).Item2;
        if (index < 0) throw new ArgumentException($"The result has no column '{name}' (its columns: {string.Join(", ", Columns.Select(c => c.Name))}).", nameof(name));
        return [.. Rows.Select(r => r[index])];
    }

    /// <summary>Each row as its values joined by tabs (<see cref="SparkValues.Format"/>), in the order the server sent them.</summary>
    public IReadOnlyList<string> CanonicalRows() => [.. Rows.Select(r => string.Join('\t', r.Select(SparkValues.Format)))];
}
