namespace StatelessMind.Harness.Experiments;

/// <summary>A small table of a finding (rendered as Markdown).</summary>
public sealed record FindingTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static FindingTable Of(string title, IReadOnlyList<string> columns, IEnumerable<IEnumerable<object?>> rows) =>
        new(title, columns, rows.Select(r => (IReadOnlyList<string>)r.Select(Cell).ToList()).ToList());

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => Figure.FormatValue(d),
        float f => Figure.FormatValue(f),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
