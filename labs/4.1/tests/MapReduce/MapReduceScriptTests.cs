using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Labs.DatabaseTheory.MapReduce;
using StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>
/// Every check of the classic MapReduce lab's test script (test-mr.sh), one test each, with real worker processes
/// on loopback and the coordinator in this process: word count and the indexer equal their sequential runs; map
/// and reduce parallelism as the tasks themselves see it; each map task runs exactly once without faults; nobody
/// exits early; and workers that die or hang are re-executed with identical output. Their planted bugs are in
/// <see cref="MapReduceScriptBugTests"/>.
/// </summary>
public sealed class MapReduceScriptTests(ITestOutputHelper output)
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    [Goal("4.1-1")]
    public async Task Word_count_equals_the_sequential_run()
    {
        using var inputs = MapReduceInputs.Fortunes(8);
        var run = await MapReduceRun.RunAsync(MapReduceJob.For<WordCountApplication>(inputs.Inputs, 10, inputs.Work), 3, false, Deadline);
        Print(run);
        Assert.Equal(SequentialMapReduce.Run(new WordCountApplication(), inputs.Inputs), run.Output);
        Assert.Equal(10, Directory.EnumerateFiles(inputs.Work, "mr-out-*").Count());
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task The_inverted_index_equals_the_sequential_run()
    {
        using var inputs = MapReduceInputs.Fortunes(8);
        var run = await MapReduceRun.RunAsync(MapReduceJob.For<InvertedIndexApplication>(inputs.Inputs, 10, inputs.Work), 3, false, Deadline);
        Print(run);
        Assert.Equal(SequentialMapReduce.Run(new InvertedIndexApplication(), inputs.Inputs), run.Output);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Map_tasks_run_in_parallel()
    {
        var run = await MapParallelismRunAsync(MapReduceBug.None);
        Assert.Equal(2, run.Output.Count(l => l.StartsWith("times-", StringComparison.Ordinal)));
        Assert.Contains(run.Output, l => l.StartsWith("parallel-2 ", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Reduce_tasks_run_in_parallel()
    {
        var run = await ReduceParallelismRunAsync(MapReduceBug.None);
        Assert.Contains(run.Output, l => l.EndsWith(" 2", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Each_map_task_runs_exactly_once_without_faults()
    {
        var (report, lines, inputs) = await JobCountRunAsync(MapReduceBug.None);
        Assert.Equal([$"a {inputs}"], lines);
        Assert.All(report.AttemptsByTask.Values, a => Assert.Equal(1, a));
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task No_worker_or_coordinator_exits_before_the_job_is_done()
    {
        var (atFirstExit, final) = await EarlyExitRunAsync(MapReduceBug.None);
        Assert.Equal(final, atFirstExit);
        Assert.Equal(3, final.Count);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Workers_that_die_or_hang_are_re_executed_and_the_output_stays_identical()
    {
        var (run, reference) = await CrashRunAsync(MapReduceBug.None, output);
        Assert.Equal(reference, run.Output);
        Assert.True(run.Report.Count(TaskEventKind.WorkerLost) > 0, "no task was lost with a dead worker");
        Assert.True(run.Report.Count(TaskEventKind.TimedOut) > 0, "no task timed out on a stalled worker");
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task A_worker_killed_mid_task_is_replaced_by_another_and_the_output_is_the_sequential_one()
    {
        using var inputs = MapReduceInputs.Generated(4);
        await using var coordinator = Coordinator.Start(MapReduceJob.For<HeldWordCountApplication>(inputs.Inputs, 3, inputs.Work));
        await using var pool = WorkerPool.Start(coordinator.Endpoint, 2);
        var holder = await Harness.Eventually.ValueAsync(() => Task.FromResult(Watched(pool, coordinator).Single(t => t.TaskId == "map-0")),
            t => t.Status == MapReduceTaskStatus.InProgress && t.WorkerPid != 0, Deadline, "map-0 to be running on a worker");
        var victim = pool.All.Single(w => w.Pid == holder.WorkerPid);
        Assert.True(HostCommands.Signal(victim.Pid, HostCommands.SIGKILL), $"could not SIGKILL worker {victim.Pid}");
        await Harness.Eventually.UntilAsync(() => Watched(pool, coordinator).Single(t => t.TaskId == "map-0") is { Attempts: 2, Status: MapReduceTaskStatus.InProgress },
            Deadline, "map-0 to be re-executed by the surviving worker");
        File.WriteAllText(TaskHoldRelease(inputs.Work, "map-0"), "go");
        var report = await coordinator.Completion.WaitAsync(Deadline);
        var exit = await victim.Exited.WaitAsync(Deadline);
        output.WriteLine($"killed pid {victim.Pid} (exit {exit}); events of map-0: {string.Join("; ", report.Events.Where(e => e.TaskId == "map-0"))}");
        Assert.Contains(report.Events, e => e.TaskId == "map-0" && e.Kind == TaskEventKind.WorkerLost && e.WorkerPid == victim.Pid);
        Assert.Equal(2, report.AttemptsByTask["map-0"]);
        Assert.NotEqual(0, exit);
        Assert.Equal(SequentialMapReduce.Run(new WordCountApplication(), inputs.Inputs), IntermediateFiles.ReadSortedOutput(inputs.Work));
    }

    internal static async Task<MapReduceRunResult> MapParallelismRunAsync(MapReduceBug bug)
    {
        using var inputs = MapReduceInputs.Generated(4, bytes: 1000);
        var job = MapReduceJob.For<MapTimingApplication>(inputs.Inputs, 1, inputs.Work) with { Bug = bug };
        return await MapReduceRun.RunAsync(job, 2, false, Deadline);
    }

    internal static async Task<MapReduceRunResult> ReduceParallelismRunAsync(MapReduceBug bug)
    {
        using var inputs = MapReduceInputs.Generated(2, bytes: 1000);
        var job = MapReduceJob.For<ReduceTimingApplication>(inputs.Inputs, 2, inputs.Work) with { Bug = bug };
        return await MapReduceRun.RunAsync(job, 2, false, Deadline);
    }

    /// <summary>Three workers, two map tasks held until the third worker has asked for work (and waits, or was given a
    /// running task again), then released.</summary>
    internal static async Task<(CoordinatorReport Report, IReadOnlyList<string> Output, int Inputs)> JobCountRunAsync(MapReduceBug bug)
    {
        using var inputs = MapReduceInputs.Generated(2, bytes: 1000);
        var job = MapReduceJob.For<JobCountApplication>(inputs.Inputs, 1, inputs.Work) with { Bug = bug };
        await using var coordinator = Coordinator.Start(job);
        await using var pool = WorkerPool.Start(coordinator.Endpoint, 3);
        await Harness.Eventually.UntilAsync(
            () => Watched(pool, coordinator).Count(t => t.Kind == MapReduceTaskKind.Map && t.Status == MapReduceTaskStatus.InProgress) == 2 &&
                  (coordinator.WaitingWorkers >= 1 || coordinator.Events.Count(e => e.Kind == TaskEventKind.Assigned) >= 3),
            Deadline, "both map tasks running and the third worker asking for work");
        File.WriteAllText(TaskHoldRelease(inputs.Work, "maps"), "go");
        var report = await coordinator.Completion.WaitAsync(Deadline);
        return (report, IntermediateFiles.ReadSortedOutput(inputs.Work), inputs.Inputs.Count);
    }

    /// <summary>The coordinator's tasks, for a wait's condition; throws when the coordinator failed or a worker died of
    /// code not written yet, so that the wait ends at once rather than at its deadline.</summary>
    private static IReadOnlyList<TaskSnapshot> Watched(WorkerPool pool, Coordinator coordinator)
    {
        pool.ThrowIfUnrecoverable();
        return coordinator.Snapshot();
    }

    private static string TaskHoldRelease(string work, string name) => Path.Combine(work, $"release-{name}");

    /// <summary>Three workers; the slow reduce is held until the other reduce tasks are done and the other workers are
    /// waiting for work or have exited. The output is read at the moment the first process (or the coordinator) ends.</summary>
    internal static async Task<(IReadOnlyList<string> AtFirstExit, IReadOnlyList<string> Final)> EarlyExitRunAsync(MapReduceBug bug)
    {
        using var inputs = MapReduceInputs.Generated(3, bytes: 1000);
        var job = MapReduceJob.For<EarlyExitApplication>(inputs.Inputs, 3, inputs.Work) with { Bug = bug };
        await using var coordinator = Coordinator.Start(job);
        await using var pool = WorkerPool.Start(coordinator.Endpoint, 3);
        var firstExit = Task.WhenAny(pool.All.Select(w => (Task)w.Exited).Append(coordinator.Completion))
            .ContinueWith(_ => IntermediateFiles.ReadSortedOutput(inputs.Work), TaskContinuationOptions.ExecuteSynchronously);
        var slowTask = $"reduce-{IntermediateFiles.ReduceTaskOf(EarlyExitApplication.SlowKey, 3)}";
        await Harness.Eventually.UntilAsync(
            () => Watched(pool, coordinator).Where(t => t.Kind == MapReduceTaskKind.Reduce && t.TaskId != slowTask).All(t => t.Status == MapReduceTaskStatus.Done)
                  && (coordinator.WaitingWorkers >= 2 || pool.All.Any(w => w.HasExited)),
            Deadline, "the other reduce tasks done and the other workers waiting or gone");
        if (pool.All.Any(w => w.HasExited)) await firstExit.WaitAsync(Deadline); // a worker left early: its moment is already recorded
        File.WriteAllText(TaskHoldRelease(inputs.Work, "slow"), "go");
        await coordinator.Completion.WaitAsync(Deadline);
        await Task.WhenAll(pool.All.Select(w => w.Exited)).WaitAsync(Deadline);
        return (await firstExit.WaitAsync(Deadline), IntermediateFiles.ReadSortedOutput(inputs.Work));
    }

    internal static async Task<(MapReduceRunResult Run, IReadOnlyList<string> Reference)> CrashRunAsync(MapReduceBug bug, ITestOutputHelper output)
    {
        using var inputs = MapReduceInputs.Generated(4, bytes: 4000);
        var job = MapReduceJob.For<CrashingApplication>(inputs.Inputs, 3, inputs.Work) with { TaskTimeout = TimeSpan.FromSeconds(1), Bug = bug };
        var run = await MapReduceRun.RunAsync(job, 3, restartDeadWorkers: true, Deadline);
        Print(run, output);
        return (run, SequentialMapReduce.Run(new NoCrashApplication(), inputs.Inputs));
    }

    private void Print(MapReduceRunResult run) => Print(run, output);

    private static void Print(MapReduceRunResult run, ITestOutputHelper output)
    {
        output.WriteLine($"{run.Output.Count} output lines in {run.Elapsed.TotalSeconds:0.0} s; {run.Workers.Count} worker processes; " +
                         $"{run.Report.Reexecutions} re-executions ({run.Report.Count(TaskEventKind.WorkerLost)} lost, {run.Report.Count(TaskEventKind.TimedOut)} timed out)");
    }
}
