using System.Net.Sockets;
using System.Text;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Dataflow.Tests.MapReduce;

/// <summary>Exercise 4.1-1b: the coordinator's scheduling, with worker loops on threads of this process and with
/// hand-driven protocol clients that take a task and then die or go silent.</summary>
[Goal("4.1-1")]
public sealed class CoordinatorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly MapReduceTestFiles _files = new(5);

    private MapReduceJob Job(TimeSpan? timeout = null) =>
        MapReduceJob.For<WordCountJob.Application>(_files.Inputs, 3, _files.Work) with
        {
            TaskTimeout = timeout ?? TimeSpan.FromSeconds(10),
            ExitGrace = TimeSpan.FromSeconds(5),
        };

    [Fact]
    public async Task Worker_loops_complete_the_job_every_task_once_and_reduces_after_all_maps()
    {
        await using var coordinator = Coordinator.Start(Job());
        var loops = Enumerable.Range(0, 3).Select(_ => Task.Run(() => WorkerLoop.RunAsync(coordinator.Endpoint))).ToArray();
        var report = await coordinator.Completion.WaitAsync(Deadline);
        var tasksDone = await Task.WhenAll(loops).WaitAsync(Deadline);
        Assert.Equal(8, tasksDone.Sum());
        Assert.All(report.AttemptsByTask.Values, a => Assert.Equal(1, a));
        var lastMapDone = report.Events.Where(e => e.TaskId.StartsWith("map", StringComparison.Ordinal) && e.Kind == TaskEventKind.Completed).Max(e => e.At);
        var firstReduce = report.Events.Where(e => e.TaskId.StartsWith("reduce", StringComparison.Ordinal) && e.Kind == TaskEventKind.Assigned).Min(e => e.At);
        Assert.True(firstReduce >= lastMapDone, "a reduce task was handed out before every map task was done");
        Assert.True(report.Finished >= report.JobDone);
        Assert.Equal(SequentialMapReduce.Run(new WordCountJob.Application(), _files.Inputs), IntermediateFiles.ReadSortedOutput(_files.Work));
    }

    [Fact]
    public async Task A_task_whose_worker_disconnects_is_given_to_the_next_worker()
    {
        await using var coordinator = Coordinator.Start(Job());
        var taken = await TakeOneTaskAsync(coordinator, closeAfter: true);
        await Harness.Eventually.UntilAsync(() => coordinator.Events.Any(e => e.TaskId == taken && e.Kind == TaskEventKind.WorkerLost),
            Deadline, $"the coordinator to notice that {taken}'s worker is gone");
        await WorkerLoop.RunAsync(coordinator.Endpoint).WaitAsync(Deadline);
        var report = await coordinator.Completion.WaitAsync(Deadline);
        Assert.Equal(2, report.AttemptsByTask[taken]);
        Assert.Equal(SequentialMapReduce.Run(new WordCountJob.Application(), _files.Inputs), IntermediateFiles.ReadSortedOutput(_files.Work));
    }

    [Fact]
    public async Task A_task_whose_worker_goes_silent_is_taken_back_after_the_timeout()
    {
        await using var coordinator = Coordinator.Start(Job(timeout: TimeSpan.FromMilliseconds(300)));
        using var silent = new TcpClient();
        var taken = await TakeOneTaskAsync(coordinator, closeAfter: false, keep: silent);
        await WorkerLoop.RunAsync(coordinator.Endpoint).WaitAsync(Deadline);
        var report = await coordinator.Completion.WaitAsync(Deadline);
        foreach (var e in report.Events.Where(e => e.TaskId == taken)) output.WriteLine(e.ToString());
        Assert.Contains(report.Events, e => e.TaskId == taken && e.Kind == TaskEventKind.TimedOut);
        Assert.Equal(2, report.AttemptsByTask[taken]);
    }

    [Fact]
    public async Task Planted_bug_without_a_timeout_never_finishes_once_a_worker_hangs()
    {
        await using var coordinator = Coordinator.Start(Job(timeout: TimeSpan.FromMilliseconds(300)) with { Bug = MapReduceBug.NoTaskTimeout });
        using var silent = new TcpClient();
        await TakeOneTaskAsync(coordinator, closeAfter: false, keep: silent);
        using var cts = new CancellationTokenSource();
        var worker = Task.Run(() => WorkerLoop.RunAsync(coordinator.Endpoint, cts.Token));
        // The other tasks finish; the silent worker's stays in progress for ten timeouts and more.
        await Harness.Eventually.UntilAsync(() => coordinator.Snapshot().Count(t => t.Status == MapReduceTaskStatus.Done) == 4, Deadline, "the other map tasks");
        await Assert.ThrowsAsync<TimeoutException>(() => coordinator.JobDone.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.Contains(coordinator.Snapshot(), t => t.Status == MapReduceTaskStatus.InProgress);
        await cts.CancelAsync();
    }

    /// <summary>Speaks the protocol by hand: hello, request, and returns the task id it was given.</summary>
    private static async Task<string> TakeOneTaskAsync(Coordinator coordinator, bool closeAfter, TcpClient? keep = null)
    {
        var client = keep ?? new TcpClient();
        await client.ConnectAsync(coordinator.Endpoint);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        await writer.WriteLineAsync("{\"Type\":\"hello\",\"Pid\":999999}");
        Assert.Contains("\"job\"", await reader.ReadLineAsync(), StringComparison.Ordinal);
        await writer.WriteLineAsync("{\"Type\":\"request\"}");
        var task = await reader.ReadLineAsync();
        var id = System.Text.Json.JsonDocument.Parse(task!).RootElement.GetProperty("TaskId").GetString()!;
        if (closeAfter) client.Dispose();
        return id;
    }

    public void Dispose() => _files.Dispose();
}
