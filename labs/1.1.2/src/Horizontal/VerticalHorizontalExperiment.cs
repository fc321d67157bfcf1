using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Dataflow.Text;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>
/// Goal 1.1.2-2: the same word count run by one process with N task threads (vertical) and by N single-threaded worker
/// processes coordinated over loopback (horizontal), for several N, with every worker process's CPU, resident memory
/// and context switches sampled from /proc.
/// </summary>
public sealed class VerticalHorizontalExperiment : IExperiment
{
    public const string MemoryRatio = "resident memory, horizontal / vertical (largest N)";
    public const string ThroughputRatio = "throughput, horizontal / vertical (largest N)";
    public const string CpuRatio = "CPU seconds, horizontal / vertical (largest N)";
    public const string FixedCpuRatio = "fixed CPU cost (empty input), horizontal / vertical (largest N)";
    public const string FixedMemoryRatio = "fixed resident memory (empty input), horizontal / vertical (largest N)";

    public string GoalId => "1.1.2-2";
    public string Title => "Vertical vs horizontal scaling of one job, monitored from /proc";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var loadBefore = Dataflow.Metrics.MachineLoad.Describe();
        var dir = Directory.CreateDirectory(Path.Combine(context.OutputDirectory.FullName, "scratch")).FullName;
        try
        {
            var files = context.Size(6, 24);
            var bytes = context.Size(128L << 10, 2L << 20);
            var inputs = Enumerable.Range(0, files).Select(i =>
            {
                var path = Path.Combine(dir, $"input-{i:00}.txt");
                return (Path: path, Words: ZipfText.WriteFile(path, bytes, vocabulary: 50_000, exponent: 1.1, seed: context.Seed + i));
            }).ToList();
            var words = inputs.Sum(i => i.Words);
            var paths = inputs.Select(i => i.Path).ToList();
            var expected = SequentialMapReduce.Run(new WordCountJob.Application(), paths);
            int[] ns = context.Scale == Scale.Full ? [1, 2, 4] : [1, 2];
            var runs = new List<ModeRun>();
            foreach (var n in ns)
                foreach (var mode in Enum.GetValues<ScalingMode>())
                {
                    context.Report(0.05 + 0.9 * runs.Count / (2.0 * ns.Length), $"{mode} with N = {n}");
                    runs.Add(await ScalingModeRunner.RunAsync(mode, n, paths, words, reduceTasks: 4,
                        Path.Combine(dir, $"work-{mode}-{n}"), TimeSpan.FromMilliseconds(50), cancellationToken));
                }
            Report(context, finding, runs, expected);

            // The fixed price of a process, apart from the work: the same job over empty files of the same names, so a
            // worker only starts its runtime, connects, compiles the task code and runs tasks that read nothing.
            var empty = Enumerable.Range(0, files).Select(i =>
            {
                var path = Path.Combine(dir, $"empty-{i:00}.txt");
                File.WriteAllText(path, "");
                return path;
            }).ToList();
            context.Report(0.96, "both modes on empty input");
            var idle = new List<ModeRun>();
            foreach (var mode in Enum.GetValues<ScalingMode>())
                idle.Add(await ScalingModeRunner.RunAsync(mode, ns[^1], empty, words: 0, reduceTasks: 4,
                    Path.Combine(dir, $"idle-{mode}"), TimeSpan.FromMilliseconds(10), cancellationToken));
            ReportFixedCost(finding, idle);
            finding.Note($"Machine load: {loadBefore} at the start, {Dataflow.Metrics.MachineLoad.Describe()} at the end; timings are only comparable within one run.");
            return finding.Build($"The word count of {words:N0} Zipf words in {files} files ran vertically (1 process, N threads) and horizontally " +
                                 $"(N processes, 1 thread each) for N = {string.Join(", ", ns)} on {Environment.ProcessorCount} cores, " +
                                 "every worker process sampled from /proc every 50 ms.");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Report(ExperimentContext context, FindingBuilder finding, IReadOnlyList<ModeRun> runs, IReadOnlyList<string> expected)
    {
        var rows = runs.Select(ModeComparison.From).ToList();
        finding.Table(FindingTable.Of("Vertical (1 process × N threads) vs horizontal (N processes × 1 thread); sums over worker processes",
            ["mode", "N", "processes", "seconds", "words/s", "CPU s", "cores busy", "peak RSS MB", "voluntary switches", "involuntary switches", "words per CPU s"],
            rows.Select(r => new object?[] { r.Mode.ToString().ToLowerInvariant(), r.N, r.Processes, r.Seconds, r.WordsPerSecond, r.CpuSeconds, r.CoresBusy,
                r.PeakRssMegabytes, r.VoluntarySwitches, r.InvoluntarySwitches, r.WordsPerCpuSecond })));

        finding.Check(runs.All(r => r.Output.SequenceEqual(expected)), $"all {runs.Count} runs produced the sequential word count");
        var sampledAll = runs.All(r => r.WorkerPids.All(pid => r.Samples.Any(s => s.Pid == pid && s.CpuTicks > 0)));
        finding.Check(sampledAll, "the monitor sampled every worker process of every run (each with CPU time > 0)");
        var largest = runs.Max(r => r.N);
        var vertical = rows.Single(r => r.Mode == ScalingMode.Vertical && r.N == largest);
        var horizontal = rows.Single(r => r.Mode == ScalingMode.Horizontal && r.N == largest);
        finding.Figure(MemoryRatio, horizontal.PeakRssMegabytes / vertical.PeakRssMegabytes, "×", key: true);
        finding.Figure(ThroughputRatio, horizontal.WordsPerSecond / vertical.WordsPerSecond, "×", key: true);
        finding.Figure(CpuRatio, horizontal.CpuSeconds / vertical.CpuSeconds, "×", key: true);
        finding.Figure("peak RSS of one horizontal worker", horizontal.PeakRssMegabytes / horizontal.Processes, "MB");
        finding.Note($"CPU at N = {largest}: {horizontal.CpuSeconds:0.##} s in {horizontal.Processes} processes against {vertical.CpuSeconds:0.##} s in one. " +
                     "On the whole job the fixed cost of the extra processes (measured alone below) is small beside the work, and both totals " +
                     "grow with N as more tasks share two cores, so this ratio is reported, not held to a side.");
        finding.Note($"Memory at N = {largest}: {horizontal.PeakRssMegabytes:0} MB in {horizontal.Processes} processes against {vertical.PeakRssMegabytes:0} MB in one; " +
                     "the one big process's heap grows with the tasks it runs at once, so the difference is smaller than N runtimes would suggest.");

        var palette = new ScottPlot.Palettes.Category10();
        var plot = new ScottPlot.Plot();
        foreach (var (mode, i) in Enum.GetValues<ScalingMode>().Select((m, i) => (m, i)))
        {
            var rs = rows.Where(r => r.Mode == mode).OrderBy(r => r.N).ToList();
            var s = plot.Add.Scatter(rs.Select(r => (double)r.N).ToArray(), rs.Select(r => r.WordsPerSecond / 1e6).ToArray(), palette.GetColor(i));
            s.LegendText = mode == ScalingMode.Vertical ? "vertical: 1 process × N threads" : "horizontal: N processes × 1 thread";
        }
        plot.Title($"Throughput against N ({Environment.ProcessorCount} cores)");
        plot.XLabel("N");
        plot.YLabel("million words per second");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        finding.Plot(context.SavePlot(plot, "throughput-vertical-horizontal.png", "Words per second against N, vertical and horizontal"));

        var memory = new ScottPlot.Plot();
        foreach (var (mode, i) in Enum.GetValues<ScalingMode>().Select((m, i) => (m, i)))
        {
            var rs = rows.Where(r => r.Mode == mode).OrderBy(r => r.N).ToList();
            var s = memory.Add.Scatter(rs.Select(r => (double)r.N).ToArray(), rs.Select(r => r.PeakRssMegabytes).ToArray(), palette.GetColor(i));
            s.LegendText = mode.ToString().ToLowerInvariant();
        }
        memory.Title("Resident memory of the worker processes against N (sum of each process's peak)");
        memory.XLabel("N");
        memory.YLabel("MB");
        memory.ShowLegend(ScottPlot.Alignment.UpperLeft);
        finding.Plot(context.SavePlot(memory, "memory-vertical-horizontal.png", "Summed peak RSS of the worker processes against N"));

        var cpu = new ScottPlot.Plot();
        var run = runs.Single(r => r.Mode == ScalingMode.Horizontal && r.N == largest);
        foreach (var (pid, i) in run.WorkerPids.Select((p, i) => (p, i)))
        {
            var ss = run.Samples.Where(s => s.Pid == pid).OrderBy(s => s.At).ToList();
            var xs = ss.Skip(1).Select(s => s.At.TotalSeconds).ToArray();
            var ys = ss.Zip(ss.Skip(1), (a, b) => (b.CpuTicks - a.CpuTicks) / ProcessMonitor.ClockTicksPerSecond / Math.Max(1e-3, (b.At - a.At).TotalSeconds) * 100).ToArray();
            if (xs.Length == 0) continue;
            var line = cpu.Add.Scatter(xs, ys, palette.GetColor(i));
            line.LegendText = $"worker pid {pid}";
            line.MarkerSize = 0;
        }
        cpu.Title($"CPU of each horizontal worker over time (N = {largest}; 100% = one core)");
        cpu.XLabel("seconds");
        cpu.YLabel("% CPU");
        cpu.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(cpu, "cpu-horizontal-workers.png", "CPU of each horizontal worker process over the run, from /proc"));
    }

    private static void ReportFixedCost(FindingBuilder finding, IReadOnlyList<ModeRun> idle)
    {
        finding.Check(idle.All(r => r.Output.Count == 0), "the runs over empty input produced no words");
        var rows = idle.Select(ModeComparison.From).ToList();
        finding.Table(FindingTable.Of("The same job over empty input: only the fixed cost of the worker processes",
            ["mode", "N", "processes", "seconds", "CPU s", "peak RSS MB"],
            rows.Select(r => new object?[] { r.Mode.ToString().ToLowerInvariant(), r.N, r.Processes, r.Seconds, r.CpuSeconds, r.PeakRssMegabytes })));
        var vertical = rows.Single(r => r.Mode == ScalingMode.Vertical);
        var horizontal = rows.Single(r => r.Mode == ScalingMode.Horizontal);
        var n = horizontal.N;
        var cpu = horizontal.CpuSeconds / vertical.CpuSeconds;
        var memory = horizontal.PeakRssMegabytes / vertical.PeakRssMegabytes;
        finding.Figure(FixedCpuRatio, cpu, "×", key: true);
        finding.Figure(FixedMemoryRatio, memory, "×", key: true);
        finding.Figure("fixed CPU cost of one horizontal worker", horizontal.CpuSeconds / horizontal.Processes, "s");
        finding.Check(horizontal.Processes == n && vertical.Processes == 1,
            $"the monitor saw {n} worker processes horizontally and 1 vertically on empty input ({horizontal.Processes} and {vertical.Processes})");
        finding.Check(cpu >= n / 2.0,
            $"with nothing to count, the {n} small workers spend at least {n / 2.0:0.#}× the CPU time of the big one ({cpu:0.##}×: " +
            $"{horizontal.CpuSeconds:0.###} s against {vertical.CpuSeconds:0.###} s): every process starts its own runtime and compiles the same code");
        finding.Check(memory >= n / 2.0,
            $"with nothing to count, the {n} small workers hold at least {n / 2.0:0.#}× the resident memory of the big one ({memory:0.##}×: " +
            $"{horizontal.PeakRssMegabytes:0} MB against {vertical.PeakRssMegabytes:0} MB): every process carries its own runtime");
    }
}
