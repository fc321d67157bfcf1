using System.Text;

namespace StatelessMind.Dataflow.Text;

/// <summary>
/// Reads the lines of a byte range of a text file, the way Hadoop's input splits work: a split owns every line
/// that starts inside it, so it skips a partial first line (its start is in the previous split, which reads it to
/// its end) and reads past its own end to finish its last line. Every line is read by exactly one split.
/// </summary>
public static class LineSplits
{
    /// <summary>Cuts a file of <paramref name="length"/> bytes into <paramref name="count"/> byte ranges of about equal size.</summary>
    public static IReadOnlyList<(long Start, long End)> Cut(long length, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Enumerable.Range(0, count).Select(i => (length * i / count, length * (i + 1) / count))];
    }

    /// <summary>The lines whose first byte lies in [start, end), without their line ends ("\n" or "\r\n").</summary>
    public static IEnumerable<string> Read(string path, long start, long end)
    {
        if (start >= end) yield break; // an empty range owns no line
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var position = Math.Max(0, start - 1);
        stream.Seek(position, SeekOrigin.Begin);
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        var skipping = start > 0; // the byte before start: if it ends a line, the line at start is ours
        var lineStart = position;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                if (skipping)
                {
                    skipping = false;
                }
                else
                {
                    line.Write(buffer, from, i - from);
                    yield return Decode(line);
                }
                line.SetLength(0);
                lineStart = position + i + 1;
                from = i + 1;
                if (lineStart >= end) yield break;
            }
            if (!skipping) line.Write(buffer, from, read - from);
            position += read;
        }
        if (!skipping && line.Length > 0 && lineStart < end) yield return Decode(line);
    }

    private static string Decode(MemoryStream line)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        return Encoding.UTF8.GetString(bytes);
    }
}
