using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace StatelessMind.Labs.Reliability.Logging;

/// <summary>
/// An <see cref="ILoggerProvider"/> that writes every entry as one JSON object per line: timestamp,
/// level, category, event id and name, the rendered message, and every structured field of the
/// message template as its own property (so a log query can filter on <c>failureClass</c> without
/// parsing text). Thread-safe; each line is flushed as it is written.
/// </summary>
public sealed class JsonLinesLoggerProvider(TextWriter writer, LogLevel minimumLevel = LogLevel.Information) : ILoggerProvider
{
    private readonly Lock _gate = new();

    /// <summary>Opens (appending) a JSON-lines log file.</summary>
    public static JsonLinesLoggerProvider ToFile(string path, LogLevel minimumLevel = LogLevel.Information) =>
        new(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)), minimumLevel);

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate) writer.Dispose();
    }

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= minimumLevel;

    internal void Write(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class JsonLinesLogger(JsonLinesLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("timestamp", DateTimeOffset.UtcNow);
                json.WriteString("level", logLevel.ToString());
                json.WriteString("category", category);
                json.WriteNumber("eventId", eventId.Id);
                if (eventId.Name is { } name) json.WriteString("event", name);
                json.WriteString("message", formatter(state, exception));
                if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
                {
                    foreach (var (key, value) in fields)
                    {
                        if (key == "{OriginalFormat}") continue;
                        WriteValue(json, key, value);
                    }
                }
                if (exception is not null)
                {
                    json.WriteString("exceptionType", exception.GetType().FullName);
                    json.WriteString("exceptionMessage", exception.Message);
                }
                json.WriteEndObject();
            }
            provider.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        private static void WriteValue(Utf8JsonWriter json, string key, object? value)
        {
            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int i: json.WriteNumber(key, i); break;
                case long l: json.WriteNumber(key, l); break;
                case double d: json.WriteNumber(key, d); break;
                case TimeSpan t: json.WriteNumber(key, t.TotalMilliseconds); break;
                case IFormattable f and not Enum: json.WriteString(key, f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, value.ToString()); break;
            }
        }
    }
}
