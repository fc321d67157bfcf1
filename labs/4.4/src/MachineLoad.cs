namespace StatelessMind.Labs.DiscreteMath;

/// <summary>The machine's load averages (/proc/loadavg): timing figures are read beside them.</summary>
internal static class MachineLoad
{
    public static string Describe() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1/5/15 min)" : "unknown";
}
