using System.Net;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// Keeps a number of worker processes running for one coordinator, and (like the classic lab's crash test, which
/// restarts workers in a loop) optionally starts a new worker whenever one dies, until it is stopped.
/// </summary>
public sealed class WorkerPool : IAsyncDisposable
{
    private readonly IPEndPoint _coordinator;
    private readonly int _threads;
    private readonly bool _restart;
    private readonly Lock _gate = new();
    private readonly List<WorkerProcess> _all = [];
    private bool _stopped;

    private WorkerPool(IPEndPoint coordinator, int threads, bool restart)
    {
        _coordinator = coordinator;
        _threads = threads;
        _restart = restart;
    }

    /// <param name="coordinator">Where the workers connect.</param>
    /// <param name="workers">Processes to keep running.</param>
    /// <param name="restartDeadWorkers">Start a replacement whenever a worker exits, until <see cref="StopAsync"/>.</param>
    /// <param name="threadsPerWorker">Task loops per process.</param>
    public static WorkerPool Start(IPEndPoint coordinator, int workers, bool restartDeadWorkers = false, int threadsPerWorker = 1)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var pool = new WorkerPool(coordinator, threadsPerWorker, restartDeadWorkers);
        for (var i = 0; i < workers; i++) pool.Launch();
        return pool;
    }

    /// <summary>Every process the pool has started, in order (including dead ones).</summary>
    public IReadOnlyList<WorkerProcess> All
    {
        get { lock (_gate) return [.. _all]; }
    }

    public IReadOnlyList<WorkerProcess> Running => [.. All.Where(w => !w.HasExited)];

    /// <summary>
    /// Throws when a worker died of a <see cref="NotImplementedException"/>: code that is not written yet (a stub of a
    /// learner's copy) fails the same way in every worker and after every restart, so whoever waits for the job stops
    /// at once with the worker's error instead of at its deadline. Deaths by kill or by a crash the test planted do
    /// not count: those are what re-execution exists for.
    /// </summary>
    public void ThrowIfUnrecoverable()
    {
        foreach (var worker in All)
        {
            if (!worker.HasExited || worker.Exited.Result == 0) continue;
            var errors = worker.StandardError;
            var at = errors.IndexOf(nameof(System) + "." + nameof(NotImplementedException), StringComparison.Ordinal);
            if (at < 0) continue;
            var line = errors[at..].Split('\n', 2)[0].Trim();
            throw new InvalidOperationException($"Worker {worker.Pid} died of {line}; every worker would, so the job cannot finish.");
        }
    }

    private void Launch()
    {
        lock (_gate)
        {
            if (_stopped) return;
            var worker = WorkerProcess.Start(_coordinator, _threads);
            _all.Add(worker);
            if (_restart) _ = worker.Exited.ContinueWith(_ => Launch(), TaskScheduler.Default);
        }
    }

    /// <summary>Stops restarting, waits up to <paramref name="grace"/> for the workers to exit by themselves, then kills the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        lock (_gate) _stopped = true;
        var running = All.Where(w => !w.HasExited).Select(w => (Task)w.Exited).ToList();
        if (running.Count > 0) await Task.WhenAny(Task.WhenAll(running), Task.Delay(grace)).ConfigureAwait(false);
        foreach (var w in All) await w.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
}
