using System.Diagnostics;
using System.Globalization;

namespace StatelessMind.Harness.Measurement;

/// <summary>
/// Samples CPU and RSS of a set of processes from /proc at a fixed interval, summed over the set
/// (e.g. a postmaster and its backends, or one process and its children). Linux only.
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private static readonly double ClockTicksPerSecond = 100; // USER_HZ on Linux
    private static readonly long PageSize = Environment.SystemPageSize;
    private readonly Func<IEnumerable<int>> _pids;
    private readonly TimeSpan _interval;
    private readonly List<ResourceSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _start = Stopwatch.GetTimestamp();

    private ResourceSampler(Func<IEnumerable<int>> pids, TimeSpan interval)
    {
        _pids = pids;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Samples one process and all its descendants.</summary>
    public static ResourceSampler StartForTree(int rootPid, TimeSpan? interval = null) =>
        new(() => ProcessTree(rootPid), interval ?? TimeSpan.FromMilliseconds(250));

    /// <summary>Samples whatever set of pids the function returns at each tick.</summary>
    public static ResourceSampler Start(Func<IEnumerable<int>> pids, TimeSpan? interval = null) =>
        new(pids, interval ?? TimeSpan.FromMilliseconds(250));

    public IReadOnlyList<ResourceSample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    public double PeakRssMegabytes => Samples.Select(s => s.RssBytes / 1048576.0).DefaultIfEmpty(0).Max();
    public double MeanCpuPercent => Samples.Select(s => s.CpuPercent).DefaultIfEmpty(0).Average();

    private async Task LoopAsync()
    {
        var previous = new Dictionary<int, long>();
        var previousAt = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(previousAt, now).TotalSeconds;
                long rss = 0;
                double cpuTicks = 0;
                var current = new Dictionary<int, long>();
                foreach (var pid in _pids())
                {
                    if (ReadStat(pid) is not { } stat) continue;
                    current[pid] = stat.CpuTicks;
                    rss += stat.RssPages * PageSize;
                    cpuTicks += stat.CpuTicks - (previous.TryGetValue(pid, out var p) ? p : stat.CpuTicks);
                }
                var cpu = seconds > 0 ? cpuTicks / ClockTicksPerSecond / seconds * 100 : 0;
                lock (_samples) _samples.Add(new ResourceSample(Stopwatch.GetElapsedTime(_start, now), cpu, rss));
                previous = current;
                previousAt = now;
            }
        }
        catch (OperationCanceledException) { }
    }

    private static (long CpuTicks, long RssPages)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may contain spaces) start at state (field 3).
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(f[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(f[12], CultureInfo.InvariantCulture);
            var rss = long.Parse(f[21], CultureInfo.InvariantCulture);
            return (utime + stime, rss);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended between listing and reading
        }
    }

    /// <summary>A process and all its descendants, from the ppid field of /proc/*/stat.</summary>
    public static IReadOnlyList<int> ProcessTree(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(f[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { }
        }
        var result = new List<int> { rootPid };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(parents.Where(kv => kv.Value == result[i]).Select(kv => kv.Key));
        return result;
    }

    /// <summary>Stops sampling and returns what was collected.</summary>
    public async Task<IReadOnlyList<ResourceSample>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Samples;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
