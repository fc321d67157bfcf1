using System.Globalization;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>PostgreSQL's text form of a WAL position, <c>X/Y</c> (two hex halves of a 64-bit byte offset).</summary>
public static class Lsn
{
    public static ulong Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !uint.TryParse(text.AsSpan(0, slash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var high)
            || !uint.TryParse(text.AsSpan(slash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var low))
            throw new FormatException($"'{text}' is not an LSN of the form X/Y (hex).");
        return ((ulong)high << 32) | low;
    }

    public static string Format(ulong lsn) => $"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}";
}
