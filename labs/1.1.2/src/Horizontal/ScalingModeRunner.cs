using System.Diagnostics;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>Runs the same MapReduce word count (one map task per input file) vertically or horizontally, with the
/// monitor sampling every worker process from /proc while it runs.</summary>
public static class ScalingModeRunner
{
    public static async Task<ModeRun> RunAsync(ScalingMode mode, int n, IReadOnlyList<string> inputs, long words, int reduceTasks,
        string workDirectory, TimeSpan sampleInterval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Directory.CreateDirectory(workDirectory);
        var job = MapReduceJob.For<WordCountJob.Application>(inputs, reduceTasks, workDirectory);
        var start = Stopwatch.GetTimestamp();
        await using var coordinator = Coordinator.Start(job);
        await using var pool = mode == ScalingMode.Vertical
            ? WorkerPool.Start(coordinator.Endpoint, workers: 1, threadsPerWorker: n)
            : WorkerPool.Start(coordinator.Endpoint, workers: n, threadsPerWorker: 1);
        await using var monitor = ProcessMonitor.Start(() => pool.Running.Select(w => w.Pid), sampleInterval);
        var report = await coordinator.Completion.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(pool.All.Select(w => w.Exited)).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        var samples = await monitor.StopAsync().ConfigureAwait(false);
        return new ModeRun(mode, n, words, elapsed, IntermediateFiles.ReadSortedOutput(workDirectory), [.. pool.All.Select(w => w.Pid)], samples, report);
    }
}
