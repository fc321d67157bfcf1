using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>One MapReduce job run to its end with worker processes: what the coordinator saw, the sorted output, and
/// every worker process with its exit.</summary>
public sealed record MapReduceRunResult(CoordinatorReport Report, IReadOnlyList<string> Output, IReadOnlyList<WorkerProcess> Workers, TimeSpan Elapsed);

/// <summary>Runs a job the way the classic lab's test script does: a coordinator, N worker processes (restarted
/// when they die, if asked), and a deadline for the whole job.</summary>
public static class MapReduceRun
{
    public static async Task<MapReduceRunResult> RunAsync(MapReduceJob job, int workers, bool restartDeadWorkers, TimeSpan deadline,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var coordinator = Coordinator.Start(job);
        var pool = WorkerPool.Start(coordinator.Endpoint, workers, restartDeadWorkers);
        try
        {
            // Polls rather than only awaiting, so that a worker dying of code not written yet ends the wait at once.
            await Harness.Eventually.UntilAsync(() =>
            {
                pool.ThrowIfUnrecoverable();
                return coordinator.Completion.IsCompleted;
            }, deadline, "the MapReduce job to finish", cancellationToken).ConfigureAwait(false);
            var report = await coordinator.Completion.ConfigureAwait(false);
            await pool.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            return new MapReduceRunResult(report, IntermediateFiles.ReadSortedOutput(job.WorkDirectory), pool.All,
                System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        catch (TimeoutException)
        {
            var stuck = string.Join(", ", coordinator.Snapshot().Where(t => t.Status != MapReduceTaskStatus.Done).Select(t => $"{t.TaskId} {t.Status}"));
            var errors = string.Join("\n", pool.All.Select(w => w.StandardError).Where(e => e.Length > 0).Distinct().Take(3));
            throw new TimeoutException($"The MapReduce job did not finish within {deadline.TotalSeconds:0} s; not done: {stuck}. {errors}");
        }
        finally
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
