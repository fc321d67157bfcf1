using StatelessMind.Dataflow.Metrics;

namespace StatelessMind.Dataflow.Tests.Core;

/// <summary>The scheduler runs every task once, on as many threads as it was given, at the same time.</summary>
[Goal("1.1.2-1")]
public sealed class TaskRunnerTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 10)]
    [InlineData(8, 3)]
    public void Every_task_runs_exactly_once(int parallelism, int tasks)
    {
        var runs = new int[tasks];
        var metrics = new StageMetrics(1, "t", StageKind.Result, tasks, tasks);
        var results = TaskRunner.Run(new DataflowOptions { Parallelism = parallelism }, metrics, tasks, t =>
        {
            Interlocked.Increment(ref runs[t.Partition]);
            return t.Partition * 10;
        });
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.Equal(Enumerable.Range(0, tasks).Select(i => i * 10), results);
        Assert.Equal(tasks, metrics.Freeze().TaskMilliseconds.Count);
    }

    [Fact]
    public void Tasks_run_concurrently_on_the_threads_given()
    {
        var inFlight = 0;
        var maxSeen = 0;
        var metrics = new StageMetrics(1, "t", StageKind.Result, 4, 4);
        TaskRunner.Run(new DataflowOptions { Parallelism = 3 }, metrics, 4, t =>
        {
            var now = Interlocked.Increment(ref inFlight);
            // Each task holds until three are running at once (or a deadline passes), and notes what it saw.
            SpinWait.SpinUntil(() => Volatile.Read(ref inFlight) >= 3 || Volatile.Read(ref maxSeen) >= 3, TimeSpan.FromSeconds(10));
            InterlockedMax(ref maxSeen, Volatile.Read(ref inFlight));
            Interlocked.Decrement(ref inFlight);
            return now;
        });
        Assert.Equal(3, maxSeen);
    }

    [Fact]
    public void Run_on_threads_uses_distinct_threads()
    {
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        using var ready = new CountdownEvent(4);
        TaskRunner.RunOnThreads(4, () =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            ready.Signal();
            Assert.True(ready.Wait(TimeSpan.FromSeconds(10)), "all four threads should be alive at once");
        }, "test");
        Assert.Equal(4, threads.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
