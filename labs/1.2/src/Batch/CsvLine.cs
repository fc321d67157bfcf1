namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// Splits one CSV line (RFC 4180 quoting: fields with commas are quoted, a quote inside is doubled).
/// Records never span lines in these files, so line numbers are exact. Empty fields come back as null,
/// as a DataFrame reads them.
/// </summary>
public static class CsvLine
{
    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/>; false when a quote is left open.</summary>
    public static bool TrySplit(string line, List<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) { quoted = true; wasQuoted = true; }
            else if (c == ',') { fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString()); field.Clear(); wasQuoted = false; }
            else field.Append(c);
        }
        if (quoted) return false;
        fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
        return true;
    }

    /// <summary>Quotes a field when it holds a comma or a quote.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
    }
}
