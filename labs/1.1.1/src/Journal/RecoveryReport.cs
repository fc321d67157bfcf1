using System.Globalization;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// The journal program's "recovered …" line: what the previous run left (clean exit, killed, crashed
/// by a signal), what recovery replayed from the checkpoint, and what it discarded as a torn tail.
/// </summary>
public sealed record RecoveryReport(
    string PreviousRun,
    int CrashSignal,
    long CheckpointSeq,
    long Replayed,
    long LastSeq,
    long State,
    long Offset,
    long DiscardedBytes,
    long DiscardedRecords,
    string Stop,
    long RecoveryMicroseconds)
{
    public static RecoveryReport Parse(string line)
    {
        var fields = KeyValueLine.Parse(line, "recovered");
        return new RecoveryReport(fields.Text("previous_run"), (int)fields.Number("crash_signal"), fields.Number("checkpoint_seq"),
            fields.Number("replayed"), fields.Number("last_seq"), fields.Number("state"), fields.Number("offset"),
            fields.Number("discarded_bytes"), fields.Number("discarded_records"), fields.Text("stop"), fields.Number("recovery_us"));
    }
}

/// <summary>"word key=value key=value …" as the journal program prints it.</summary>
internal sealed class KeyValueLine(string line, Dictionary<string, string> fields)
{
    public static KeyValueLine Parse(string line, string word)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] != word)
            throw new FormatException($"Expected a '{word} …' line from the journal program, got: {line}");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"'{part}' is not key=value in: {line}");
            fields[part[..eq]] = part[(eq + 1)..];
        }
        return new KeyValueLine(line, fields);
    }

    public string Text(string key) =>
        fields.TryGetValue(key, out var v) ? v : throw new FormatException($"'{key}=' is missing from: {line}");

    public long Number(string key) =>
        long.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"'{key}' is not a number in: {line}");
}
