namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>One row of the vertical-versus-horizontal table, computed from a run and its /proc samples.</summary>
public sealed record ModeComparison(
    ScalingMode Mode,
    int N,
    int Processes,
    double Seconds,
    double WordsPerSecond,
    double CpuSeconds,
    double CoresBusy,
    double PeakRssMegabytes,
    double VoluntarySwitches,
    double InvoluntarySwitches,
    double WordsPerCpuSecond)
{
    /// <summary>
    /// Per process, the last sample holds its CPU time and context switches since it started (so the runtime's start-up
    /// is counted: a real cost of one more process) and the largest sample its peak resident memory; the row sums
    /// them over the run's processes. Cores busy is CPU seconds over wall seconds.
    /// </summary>
    public static ModeComparison From(ModeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        #region Exercise 1.1.2-2b: per process the last reading (CPU, switches) and the peak RSS; summed over the processes of the run (tests: ModeComparisonTests)
        var byProcess = run.Samples.GroupBy(s => s.Pid).Select(g =>
        {
            var last = g.MaxBy(s => s.At)!;
            return (Cpu: last.CpuTicks / ProcessMonitor.ClockTicksPerSecond, Rss: g.Max(s => s.RssBytes),
                Voluntary: last.VoluntarySwitches, Involuntary: last.InvoluntarySwitches);
        }).ToList();
        var cpu = byProcess.Sum(p => p.Cpu);
        var seconds = run.Elapsed.TotalSeconds;
        return new ModeComparison(run.Mode, run.N, byProcess.Count, seconds, run.Words / seconds, cpu, cpu / seconds,
            byProcess.Sum(p => p.Rss) / 1048576.0, byProcess.Sum(p => p.Voluntary), byProcess.Sum(p => p.Involuntary),
            cpu > 0 ? run.Words / cpu : 0);
        #endregion
    }
}
