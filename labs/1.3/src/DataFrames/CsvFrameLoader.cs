using System.Text;
using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// Reads a CSV file with a header row (RFC 4180: comma-separated, fields optionally in double quotes, a quote inside a
/// quoted field doubled) into a <see cref="DataFrame"/> of string columns — the raw text, nothing parsed yet, so a bad
/// number stays visible to the cleaner instead of failing the load. Empty fields become nulls. The header must contain
/// every required column (extra columns are kept); every row must have as many fields as the header. Anything else is a
/// <see cref="DatasetFormatException"/> naming the line.
/// </summary>
public static class CsvFrameLoader
{
    public static DataFrame LoadFile(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DatasetFormatException(path, 0, null, "the file does not exist");
        using var reader = new StreamReader(path);
        return Load(reader, path, requiredColumns);
    }

    public static DataFrame LoadString(string csv, string source, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        return Load(reader, source, requiredColumns);
    }

    public static DataFrame Load(TextReader reader, string source, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var lineNumber = 1L;
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine)) throw new DatasetFormatException(source, 0, null, "the file is empty: expected a header row");
        var header = Split(headerLine, source, lineNumber).Select(h => h?.Trim() ?? "").ToArray();
        foreach (var required in requiredColumns)
            if (!header.Contains(required, StringComparer.Ordinal))
                throw new DatasetFormatException(source, 1, required, $"required column is missing (header: {string.Join(",", header)})");
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetFormatException(source, 1, duplicate.Key, "the header names this column twice");

        var columns = header.Select(h => new StringDataFrameColumn(h)).ToArray();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = Split(line, source, lineNumber);
            if (fields.Count != header.Length)
                throw new DatasetFormatException(source, lineNumber, null, $"expected {header.Length} fields, found {fields.Count}: {Shorten(line)}");
            for (var c = 0; c < fields.Count; c++) columns[c].Append(fields[c]);
        }
        return new DataFrame(columns);
    }

    /// <summary>Splits one line into fields; an empty unquoted field is null, a quoted empty field is "".</summary>
    internal static List<string?> Split(string line, string source, long lineNumber)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new DatasetFormatException(source, lineNumber, null, $"a quoted field is not closed: {Shorten(line)}");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw new DatasetFormatException(source, lineNumber, null, $"text after a closing quote at character {i + 1}: {Shorten(line)}");
                fields.Add(field.ToString());
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') throw new DatasetFormatException(source, lineNumber, null, $"a stray quote inside an unquoted field at character {i + 1}: {Shorten(line)}");
                    field.Append(line[i++]);
                }
                fields.Add(field.Length == 0 ? null : field.ToString());
            }
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
