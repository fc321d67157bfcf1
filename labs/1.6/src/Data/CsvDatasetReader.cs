using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace StatelessMind.Labs.LearningData.Data;

/// <summary>
/// Reads a delimited text file into a <see cref="TabularDataset"/>: a CSV with a header row, or the UCI repository's
/// layout (no header, class last, '?' for missing). Fields may be quoted ("a, b" with "" for a quote). A file ending in
/// .gz is decompressed. Every problem is a <see cref="DatasetFormatException"/> naming the file, line and field.
/// </summary>
public static class CsvDatasetReader
{
    public static TabularDataset Read(string path, CsvDatasetOptions? options = null, string? name = null)
    {
        options ??= new CsvDatasetOptions();
        var lines = ReadLines(path);
        var first = 0;
        while (first < lines.Count && lines[first].Trim().Length == 0) first++;
        if (first == lines.Count) throw new DatasetFormatException(path, 1, -1, options.HasHeader ? "a header row" : "a data row", "an empty file");

        string[] header;
        var start = first;
        if (options.HasHeader)
        {
            header = [.. SplitFields(lines[first], options.Delimiter, path, first + 1).Select(h => h.Trim())];
            start = first + 1;
        }
        else
        {
            header = [.. Enumerable.Range(0, SplitFields(lines[first], options.Delimiter, path, first + 1).Count).Select(i => $"x{i.ToString(CultureInfo.InvariantCulture)}")];
        }
        var target = TargetIndex(header, options, path, first + 1);

        var rows = new List<(string[] Cells, int Line)>();
        for (var i = start; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = SplitFields(lines[i], options.Delimiter, path, i + 1);
            if (cells.Count != header.Length)
                throw new DatasetFormatException(path, i + 1, -1, $"{header.Length} fields", $"{cells.Count} fields");
            rows.Add(([.. cells.Select(c => c.Trim())], i + 1));
        }
        if (rows.Count == 0) throw new DatasetFormatException(path, start + 1, -1, "at least one data row", "none");

        string[]? classNames = options.Classification
            ? [.. rows.Select(r => r.Cells[target]).Distinct().Order(StringComparer.Ordinal)]
            : null;
        var classIndex = classNames?.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var features = new float[rows.Count][];
        var targets = new float[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var (cells, line) = rows[r];
            var row = new float[header.Length - 1];
            var k = 0;
            for (var c = 0; c < cells.Length; c++)
            {
                if (c == target) continue;
                row[k++] = options.MissingMarkers.Contains(cells[c]) ? float.NaN : ParseNumber(cells[c], path, line, c);
            }
            features[r] = row;
            if (classIndex is not null)
            {
                targets[r] = classIndex[cells[target]];
            }
            else
            {
                if (options.MissingMarkers.Contains(cells[target]))
                    throw new DatasetFormatException(path, line, target, "a target value (missing targets cannot be learned from)", cells[target]);
                targets[r] = ParseNumber(cells[target], path, line, target);
            }
        }
        return new TabularDataset(name ?? Path.GetFileNameWithoutExtension(path), [.. header.Where((_, i) => i != target)], features, targets, classNames);
    }

    /// <summary>The file's lines (a .gz file is decompressed); a missing file is a <see cref="DatasetNotFoundException"/>.</summary>
    internal static List<string> ReadLines(string path)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path} does not exist.");
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    internal static float ParseNumber(string cell, string path, int line, int field) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
            ? v
            : throw new DatasetFormatException(path, line, field, "a finite number", cell);

    /// <summary>Splits one line into fields; a quoted field may hold the delimiter, and "" inside quotes is one quote.</summary>
    internal static List<string> SplitFields(string line, char delimiter, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; }
            else if (ch == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        if (quoted) throw new DatasetFormatException(path, lineNumber, fields.Count, "a closing quote", line);
        fields.Add(field.ToString());
        return fields;
    }

    private static int TargetIndex(string[] header, CsvDatasetOptions options, string path, int headerLine)
    {
        if (header.Length < 2) throw new DatasetFormatException(path, headerLine, -1, "at least two columns (features and a target)", $"{header.Length} column");
        if (options.TargetColumn is null) return header.Length - 1;
        var byName = Array.IndexOf(header, options.TargetColumn);
        if (byName >= 0) return byName;
        if (int.TryParse(options.TargetColumn, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < header.Length) return index;
        throw new DatasetFormatException(path, headerLine, -1, $"a target column named '{options.TargetColumn}'", string.Join(",", header));
    }
}
