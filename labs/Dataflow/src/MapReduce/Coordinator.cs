using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// The MapReduce master: listens on loopback, gives each worker that asks an idle map task, then (once every map
/// task is done) an idle reduce task, and tells workers to exit when every reduce task is done. A task whose worker
/// disconnects (its process died) or stays silent past the timeout (it hangs) goes back to idle and is given to the
/// next worker that asks. Because workers write their files under a temporary name and rename them when complete,
/// running a task twice leaves the same files as running it once.
/// </summary>
public sealed class Coordinator : IAsyncDisposable
{
    private readonly MapReduceJob _job;
    private readonly TcpListener _listener;
    private readonly Lock _gate = new();
    private readonly TaskState[] _maps;
    private readonly TaskState[] _reduces;
    private readonly List<TaskEvent> _events = [];
    private readonly List<Parked> _parked = [];
    private readonly HashSet<Connection> _connections = [];
    private readonly List<int> _workerPids = [];
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TaskCompletionSource _jobDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private TimeSpan _jobDoneAt;
    private int _nextConnection;

    private Coordinator(MapReduceJob job)
    {
        job.Validate();
        _job = job;
        _maps = [.. job.InputFiles.Select((f, i) => new TaskState($"map-{i}", MapReduceTaskKind.Map, i, f))];
        _reduces = [.. Enumerable.Range(0, job.ReduceTasks).Select(i => new TaskState($"reduce-{i}", MapReduceTaskKind.Reduce, i, null))];
        _listener = new TcpListener(job.ListenAddress, job.ListenPort);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptAsync();
        Completion = FinishAsync();
    }

    /// <summary>Starts a coordinator for <paramref name="job"/> (by default on a free loopback port).</summary>
    public static Coordinator Start(MapReduceJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new Coordinator(job);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>Completes when every task is done and every worker has been told to exit (or the exit grace ran out).</summary>
    public Task<CoordinatorReport> Completion { get; }

    /// <summary>Completes when the last reduce task is done.</summary>
    public Task JobDone => _jobDone.Task;

    /// <summary>Every task's current state. Throws the coordinator's own failure, if it failed, so that whoever
    /// polls it stops waiting for a job that can no longer finish.</summary>
    public IReadOnlyList<TaskSnapshot> Snapshot()
    {
        if (_jobDone.Task.IsFaulted) throw new InvalidOperationException("The coordinator failed; the job cannot finish.", _jobDone.Task.Exception!.InnerException);
        lock (_gate)
            return [.. _maps.Concat(_reduces).Select(t => new TaskSnapshot(t.Id, t.Kind, t.Number, t.Status, t.Attempts, t.Worker?.Pid ?? 0))];
    }

    /// <summary>Workers whose request for work is being held because no task is free.</summary>
    public int WaitingWorkers
    {
        get { lock (_gate) return _parked.Count; }
    }

    public IReadOnlyList<TaskEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    private TimeSpan Now => Stopwatch.GetElapsedTime(_start);

    /// <summary>An exception in the coordinator's own code (not a worker's loss) ends the job: <see cref="Completion"/>
    /// faults with it at once instead of every worker waiting for an assignment that never comes.</summary>
    private void Fail(Exception e)
    {
        if (!_jobDone.TrySetException(e)) return;
        lock (_gate)
            foreach (var p in _parked) p.Reply.TrySetCanceled();
    }

    private async Task<CoordinatorReport> FinishAsync()
    {
        await _jobDone.Task.ConfigureAwait(false);
        // Workers that are waiting or still finishing a duplicate attempt hear "exit" on their next request.
        await Task.WhenAny(_allGone.Task, Task.Delay(_job.ExitGrace)).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_gate)
        {
            foreach (var c in _connections) c.Close();
            var attempts = _maps.Concat(_reduces).ToDictionary(t => t.Id, t => t.Attempts);
            return new CoordinatorReport([.. _events], attempts, [.. _workerPids], _jobDoneAt, Now);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) when (_stop.IsCancellationRequested) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var connection = new Connection(Interlocked.Increment(ref _nextConnection), client);
        try
        {
            var hello = await connection.ReadAsync(_stop.Token).ConfigureAwait(false);
            if (hello?.Type != ProtocolMessage.Hello) return;
            connection.Pid = hello.Pid;
            lock (_gate)
            {
                _connections.Add(connection);
                _workerPids.Add(hello.Pid);
            }
            await connection.WriteAsync(new ProtocolMessage(ProtocolMessage.Job)
            {
                ApplicationAssembly = _job.ApplicationAssembly,
                ApplicationType = _job.ApplicationType,
                WorkDirectory = _job.WorkDirectory,
                MapTasks = _maps.Length,
                ReduceTasks = _reduces.Length,
                Bug = _job.Bug,
            }, _stop.Token).ConfigureAwait(false);
            while (await connection.ReadAsync(_stop.Token).ConfigureAwait(false) is { } message)
            {
                switch (message.Type)
                {
                    case ProtocolMessage.Request:
                        var reply = await NextAssignmentAsync(connection).ConfigureAwait(false);
                        await connection.WriteAsync(reply, _stop.Token).ConfigureAwait(false);
                        if (reply.Type == ProtocolMessage.Exit) return;
                        break;
                    case ProtocolMessage.Done:
                        Completed(connection, message.TaskId ?? "", message.Attempt);
                        break;
                    default:
                        throw new ProtocolException($"worker {connection.Pid}", message.ToLine(), "request or done");
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ProtocolException)
        {
            // The worker is gone (or talks nonsense): what it was running is given to another worker below.
        }
        catch (Exception e)
        {
            Fail(e); // a fault in the coordinator's own code: no worker can finish the job now
        }
        finally
        {
            try
            {
                Lost(connection);
            }
            catch (Exception e)
            {
                Fail(e);
            }
            connection.Close();
        }
    }

    private Task<ProtocolMessage> NextAssignmentAsync(Connection worker)
    {
        lock (_gate)
        {
            if (TryAssign(worker) is { } now) return Task.FromResult(now);
            var parked = new Parked(worker, new TaskCompletionSource<ProtocolMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
            _parked.Add(parked);
            return parked.Reply.Task;
        }
    }

    /// <summary>The next message for a worker asking for work, or null when it must wait. Called under the lock.</summary>
    private ProtocolMessage? TryAssign(Connection worker)
    {
        if (_jobDone.Task.IsCompleted) return new ProtocolMessage(ProtocolMessage.Exit);
        var phase = CurrentPhase();
        if (_job.Bug == MapReduceBug.OneTaskAtATime && phase.Any(t => t.Status == MapReduceTaskStatus.InProgress)) return null;
        var task = phase.FirstOrDefault(t => t.Status == MapReduceTaskStatus.Idle);
        if (task is null && _job.Bug == MapReduceBug.ReissueRunningTasks)
            task = phase.FirstOrDefault(t => t.Status == MapReduceTaskStatus.InProgress && t.Worker != worker);
        if (task is null) return _job.Bug == MapReduceBug.ExitWhenNothingIdle ? new ProtocolMessage(ProtocolMessage.Exit) : null;
        var message = Assign(task, worker);
        if (_job.Bug != MapReduceBug.NoTaskTimeout) _ = TimeOutAsync(task, task.Attempts);
        return message;
    }

    /// <summary>The tasks that may be handed out now: the map tasks until every one is done, then the reduce tasks.</summary>
    private TaskState[] CurrentPhase()
    {
        #region Exercise 4.1-1b: reduce tasks may start only once every map task is done (tests: CoordinatorTests)
        return _maps.All(t => t.Status == MapReduceTaskStatus.Done) ? _reduces : _maps;
        #endregion
    }

    /// <summary>Gives <paramref name="task"/> to <paramref name="worker"/> as a new attempt, and says so in the events.</summary>
    private ProtocolMessage Assign(TaskState task, Connection worker)
    {
        #region Exercise 4.1-1b: mark the task in progress on this worker as a new attempt, and describe it to the worker (tests: CoordinatorTests)
        task.Status = MapReduceTaskStatus.InProgress;
        task.Attempts++;
        task.Worker = worker;
        _events.Add(new TaskEvent(Now, task.Id, TaskEventKind.Assigned, task.Attempts, worker.Pid));
        return new ProtocolMessage(task.Kind == MapReduceTaskKind.Map ? ProtocolMessage.MapTask : ProtocolMessage.ReduceTask)
        {
            TaskId = task.Id,
            Number = task.Number,
            Attempt = task.Attempts,
            InputFile = task.Input,
            MapTasks = _maps.Length,
            ReduceTasks = _reduces.Length,
        };
        #endregion
    }

    private async Task TimeOutAsync(TaskState task, int attempt)
    {
        try
        {
            await Task.Delay(_job.TaskTimeout, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            lock (_gate)
            {
                if (task.Status != MapReduceTaskStatus.InProgress || task.Attempts != attempt) return;
                TakeBack(task, TaskEventKind.TimedOut);
                WakeParked();
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Completed(Connection worker, string taskId, int attempt)
    {
        lock (_gate)
        {
            var task = _maps.Concat(_reduces).FirstOrDefault(t => t.Id == taskId);
            if (task is null || task.Status == MapReduceTaskStatus.Done) return; // a late duplicate: its files are the same
            task.Status = MapReduceTaskStatus.Done;
            task.Worker = null;
            _events.Add(new TaskEvent(Now, task.Id, TaskEventKind.Completed, attempt, worker.Pid));
            if (_reduces.All(t => t.Status == MapReduceTaskStatus.Done))
            {
                _jobDoneAt = Now;
                _jobDone.TrySetResult();
            }
            WakeParked();
        }
    }

    private void Lost(Connection worker)
    {
        lock (_gate)
        {
            _connections.Remove(worker);
            _parked.RemoveAll(p => p.Worker == worker && p.Reply.TrySetCanceled());
            foreach (var task in _maps.Concat(_reduces).Where(t => t.Worker == worker && t.Status == MapReduceTaskStatus.InProgress))
                TakeBack(task, TaskEventKind.WorkerLost);
            WakeParked();
            if (_connections.Count == 0 && _jobDone.Task.IsCompleted) _allGone.TrySetResult();
        }
    }

    private void TakeBack(TaskState task, TaskEventKind why)
    {
        _events.Add(new TaskEvent(Now, task.Id, why, task.Attempts, task.Worker?.Pid ?? 0));
        task.Status = MapReduceTaskStatus.Idle;
        task.Worker = null;
    }

    private void WakeParked()
    {
        for (var i = 0; i < _parked.Count;)
        {
            var next = TryAssign(_parked[i].Worker);
            if (next is null)
            {
                i++;
                continue;
            }
            _parked[i].Reply.TrySetResult(next);
            _parked.RemoveAt(i);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_gate)
        {
            foreach (var c in _connections) c.Close();
            foreach (var p in _parked) p.Reply.TrySetCanceled();
        }
        try { await _acceptLoop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _jobDone.TrySetCanceled();
        try { await Completion.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (Exception) when (Completion.IsFaulted) { } // reported to whoever awaited Completion
        _stop.Dispose();
    }

    private sealed class TaskState(string id, MapReduceTaskKind kind, int number, string? input)
    {
        public string Id { get; } = id;
        public MapReduceTaskKind Kind { get; } = kind;
        public int Number { get; } = number;
        public string? Input { get; } = input;
        public MapReduceTaskStatus Status { get; set; }
        public int Attempts { get; set; }
        public Connection? Worker { get; set; }
    }

    private sealed record Parked(Connection Worker, TaskCompletionSource<ProtocolMessage> Reply);

    private sealed class Connection(int id, TcpClient client)
    {
        private readonly StreamReader _reader = new(client.GetStream(), Encoding.UTF8);
        private readonly StreamWriter _writer = new(client.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        public int Id { get; } = id;
        public int Pid { get; set; }

        public async Task<ProtocolMessage?> ReadAsync(CancellationToken cancellationToken) =>
            await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line ? ProtocolMessage.Parse(line, $"worker {Pid}") : null;

        public Task WriteAsync(ProtocolMessage message, CancellationToken cancellationToken) =>
            _writer.WriteLineAsync(message.ToLine().AsMemory(), cancellationToken);

        public void Close() => client.Dispose();

        public override string ToString() => $"worker #{Id} (pid {Pid})";
    }
}
