using System.Diagnostics;

namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>
/// The monitor (the role of the curriculum's Python script): every interval, reads /proc for each process of a set
/// that may change as it runs, and keeps every reading. A process that has ended between listing and reading is
/// skipped. Linux only.
/// </summary>
public sealed class ProcessMonitor : IAsyncDisposable
{
    /// <summary>USER_HZ: the unit of utime and stime on Linux.</summary>
    public const double ClockTicksPerSecond = 100;

    private static readonly long PageSize = Environment.SystemPageSize;
    private readonly Func<IEnumerable<int>> _pids;
    private readonly List<ProcSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Task _loop;
    private readonly TimeSpan _interval;
    private readonly MonitorBug _bug;

    private ProcessMonitor(Func<IEnumerable<int>> pids, TimeSpan interval, MonitorBug bug)
    {
        _pids = pids;
        _interval = interval;
        _bug = bug;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts sampling whatever processes <paramref name="pids"/> names at each tick.</summary>
    public static ProcessMonitor Start(Func<IEnumerable<int>> pids, TimeSpan interval, MonitorBug bug = MonitorBug.None)
    {
        ArgumentNullException.ThrowIfNull(pids);
        return new ProcessMonitor(pids, interval, bug);
    }

    public IReadOnlyList<ProcSample> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    /// <summary>Reads one process now; null if it has ended.</summary>
    public static ProcSample? Read(int pid, TimeSpan at, MonitorBug bug = MonitorBug.None)
    {
        try
        {
            var (user, system, threads, rssPages) = ProcParser.ParseStat(File.ReadAllText($"/proc/{pid}/stat"), $"/proc/{pid}/stat");
            var (voluntary, involuntary) = ProcParser.ParseContextSwitches(File.ReadAllText($"/proc/{pid}/status"), $"/proc/{pid}/status");
            var cpu = bug == MonitorBug.UserTimeOnly ? user : user + system;
            return new ProcSample(at, pid, cpu, rssPages * PageSize, threads, voluntary, involuntary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone between listing and reading
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            do
            {
                var at = Stopwatch.GetElapsedTime(_start);
                foreach (var pid in _pids())
                    if (Read(pid, at, _bug) is { } s)
                        lock (_samples) _samples.Add(s);
            } while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops sampling (after one last reading) and returns every sample.</summary>
    public async Task<IReadOnlyList<ProcSample>> StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return Samples;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
