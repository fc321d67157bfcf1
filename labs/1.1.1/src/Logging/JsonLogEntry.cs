using System.Text.Json;

namespace StatelessMind.Labs.Reliability.Logging;

/// <summary>One parsed line of a JSON-lines log, for tests and reports that query the log.</summary>
public sealed record JsonLogEntry(string Level, string Category, int EventId, string? Event, string Message, IReadOnlyDictionary<string, string> Fields)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;

    public static JsonLogEntry Parse(string line, int lineNumber = 0)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in root.EnumerateObject())
                fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return new JsonLogEntry(
                root.GetProperty("level").GetString()!,
                root.GetProperty("category").GetString()!,
                root.GetProperty("eventId").GetInt32(),
                root.TryGetProperty("event", out var e) ? e.GetString() : null,
                root.GetProperty("message").GetString()!,
                fields);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Log line {lineNumber} is not a JSON log entry ({e.Message}): {line}", e);
        }
    }

    /// <summary>Reads every entry of a JSON-lines file (the file may still be open for writing).</summary>
    public static IReadOnlyList<JsonLogEntry> ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<JsonLogEntry>();
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            if (line.Length > 0) entries.Add(Parse(line, n));
        }
        return entries;
    }
}
