using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>Runs native/build/bin/allocbench (sm_alloc beside glibc malloc, workloads modelled on
/// mimalloc-bench) and reads its result lines.</summary>
public static class AllocBench
{
    public static readonly string[] Workloads = ["churn", "mixed", "larson", "realloc"];

    /// <param name="scale">tiny, small or full (see allocbench.c for the sizes).</param>
    public static async Task<IReadOnlyList<AllocBenchRun>> RunAsync(string scale, int repetitions, CancellationToken cancellationToken = default)
    {
        var bench = NativeArtifacts.CProgram("allocbench");
        var result = (await HostCommands.RunAsync(bench, ["--scale", scale, "--reps", repetitions.ToString(CultureInfo.InvariantCulture)],
            cancellationToken: cancellationToken)).EnsureSuccess();
        return Parse(result.StandardOutput);
    }

    /// <summary>Reads the "workload=… allocator=…" lines; summary lines are ignored (the lab recomputes them).</summary>
    public static IReadOnlyList<AllocBenchRun> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var runs = new List<AllocBenchRun>();
        var lineNumber = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            lineNumber++;
            if (!line.StartsWith("workload=", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            string Text(string key) => fields.TryGetValue(key, out var v) ? v : throw new FormatException($"allocbench output line {lineNumber} has no '{key}=': {line}");
            double Number(string key) => double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new FormatException($"allocbench output line {lineNumber}: '{key}={Text(key)}' is not a number");
            runs.Add(new AllocBenchRun(Text("workload"), Text("allocator"), (int)Number("rep"), Number("seconds"), Number("cpu_seconds"),
                (long)Number("ops"), Number("ns_per_op"), (long)Number("maxrss_kb"), (long)Number("peak_requested_bytes"), Text("heap_check")));
        }
        return runs;
    }

    public static IReadOnlyList<AllocatorComparison> Compare(IReadOnlyList<AllocBenchRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.GroupBy(r => r.Workload).Select(w =>
        {
            var glibc = w.Where(r => r.Allocator == "glibc").ToList();
            var sm = w.Where(r => r.Allocator == "sm").ToList();
            if (glibc.Count == 0 || sm.Count == 0) throw new FormatException($"allocbench workload '{w.Key}' lacks a glibc or an sm run.");
            return new AllocatorComparison(w.Key, sm[0].Operations, glibc.Min(r => r.CpuSeconds), sm.Min(r => r.CpuSeconds),
                glibc.Min(r => r.MaxRssKb), sm.Min(r => r.MaxRssKb), w.Max(r => r.PeakRequestedBytes), sm.All(r => r.HeapCheck == "ok"));
        }).ToList();
    }
}
