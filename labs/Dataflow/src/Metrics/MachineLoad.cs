using System.Globalization;

namespace StatelessMind.Dataflow.Metrics;

/// <summary>The machine's load average (/proc/loadavg, Linux): how many threads were running or waiting for a core.
/// Timing figures from a machine whose load is far above its core count measure the other work as much as this one.</summary>
public static class MachineLoad
{
    /// <summary>The one-minute load average, or NaN where /proc/loadavg cannot be read.</summary>
    public static double OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    /// <summary>"load average 13.9 on 2 cores".</summary>
    public static string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"load average {OneMinute():0.#} on {Environment.ProcessorCount} cores");
}
