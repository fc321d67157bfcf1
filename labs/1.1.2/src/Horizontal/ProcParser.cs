using System.Globalization;

namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>
/// Reads the fields the monitor needs from <c>/proc/PID/stat</c> (proc(5): the command is in parentheses and may hold
/// spaces, so fields are counted after the last ')': utime is field 14, stime 15, num_threads 20, rss 24, in pages)
/// and from <c>/proc/PID/status</c> (<c>voluntary_ctxt_switches</c>, <c>nonvoluntary_ctxt_switches</c>).
/// </summary>
public static class ProcParser
{
    public static (long UserTicks, long SystemTicks, int Threads, long RssPages) ParseStat(string stat, string file = "/proc/PID/stat")
    {
        ArgumentNullException.ThrowIfNull(stat);
        #region Exercise 1.1.2-2a: utime, stime, num_threads and rss from a stat line whose command may contain spaces and parentheses (tests: ProcParserTests.A_stat_line*, ProcParserTests.Malformed*, ProcParserTests.The_monitor*)
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 > stat.Length) throw new ProcFormatException(file, "'pid (comm) state …' with the command in parentheses");
        var f = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 22) throw new ProcFormatException(file, $"at least 24 fields, found {f.Length + 2}");
        // f[0] is field 3 (state); field k is f[k - 3].
        return (Field(f, 14, file), Field(f, 15, file), (int)Field(f, 20, file), Field(f, 24, file));
        #endregion
    }

    public static (long Voluntary, long Involuntary) ParseContextSwitches(string status, string file = "/proc/PID/status")
    {
        ArgumentNullException.ThrowIfNull(status);
        long? voluntary = null, involuntary = null;
        foreach (var line in status.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var name = line[..colon];
            if (name is not ("voluntary_ctxt_switches" or "nonvoluntary_ctxt_switches")) continue;
            if (!long.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw new ProcFormatException(file, $"a count after '{name}:', found '{line[(colon + 1)..].Trim()}'");
            if (name == "voluntary_ctxt_switches") voluntary = value;
            else involuntary = value;
        }
        return (voluntary ?? throw new ProcFormatException(file, "a voluntary_ctxt_switches line"),
                involuntary ?? throw new ProcFormatException(file, "a nonvoluntary_ctxt_switches line"));
    }

    private static long Field(string[] fields, int number, string file) =>
        long.TryParse(fields[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ProcFormatException(file, $"a number in field {number}, found '{fields[number - 3]}'");
}
