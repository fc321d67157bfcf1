using System.Diagnostics;
using StatelessMind.Dataflow.Metrics;

namespace StatelessMind.Dataflow;

/// <summary>Runs the tasks of one stage on a fixed number of threads; a task that throws is retried, up to
/// <see cref="DataflowOptions.MaxTaskAttempts"/> attempts, and every attempt is timed and counted.</summary>
internal static class TaskRunner
{
    public static TResult[] Run<TResult>(DataflowOptions options, StageMetrics stage, int tasks,
        Func<TaskContext, TResult> body, Action<TaskContext>? discardAttempt = null)
    {
        var results = new TResult[tasks];
        var next = -1;
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);

        void Worker()
        {
            try
            {
                int p;
                while ((p = Interlocked.Increment(ref next)) < tasks && !stop.IsCancellationRequested)
                    results[p] = RunWithRetry(options, stage, p, body, discardAttempt, stop.Token);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
        }

        RunOnThreads(Math.Min(options.Parallelism, tasks), Worker, stage.Name);

        if (failure is not null)
        {
            if (failure is OperationCanceledException) options.CancellationToken.ThrowIfCancellationRequested();
            throw failure;
        }
        options.CancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>Runs <paramref name="worker"/> on <paramref name="threadCount"/> threads (inline when one is enough) and
    /// returns when every one has finished.</summary>
    internal static void RunOnThreads(int threadCount, Action worker, string name)
    {
        #region Exercise 1.1.2-1a: start the task threads (inline when one is enough) and wait for all of them (tests: TaskRunnerTests)
        if (threadCount <= 1)
        {
            worker();
            return;
        }
        var threads = new Thread[threadCount];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => worker()) { IsBackground = true, Name = $"dataflow-{name}-{i}" };
            threads[i].Start();
        }
        foreach (var t in threads) t.Join();
        #endregion
    }

    private static TResult RunWithRetry<TResult>(DataflowOptions options, StageMetrics stage, int partition,
        Func<TaskContext, TResult> body, Action<TaskContext>? discardAttempt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var failAfter = options.Faults.FirstOrDefault(f => f.Stage == stage.Kind && f.Partition == partition && f.Attempt == attempt)?.AfterRecords ?? -1;
            var task = new TaskContext(stage.StageId, stage.Name, stage.Kind, partition, attempt, failAfter, cancellationToken);
            stage.AttemptStarted();
            var start = Stopwatch.GetTimestamp();
            try
            {
                var result = body(task);
                stage.TaskSucceeded(Stopwatch.GetElapsedTime(start).TotalMilliseconds, task.Records);
                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                stage.AttemptFailed();
                discardAttempt?.Invoke(task);
                if (attempt >= options.MaxTaskAttempts) throw new TaskFailedException(stage.Name, partition, attempt, e);
            }
        }
    }
}
