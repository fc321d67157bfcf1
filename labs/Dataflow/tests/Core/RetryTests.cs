namespace StatelessMind.Dataflow.Tests.Core;

/// <summary>A task that fails mid-way is retried, and what its failed attempt produced is thrown away.</summary>
public sealed class RetryTests(ITestOutputHelper output)
{
    private static readonly int[] Input = [.. Enumerable.Range(0, 20_000).Select(i => i % 251)];

    private static Dictionary<int, long> Counts(DataflowOptions options)
    {
        using var ctx = new DataflowContext(options);
        return ctx.Parallelize(Input, 4).Map(x => (x, 1L)).ReduceByKey((a, b) => a + b).Collect().ToDictionary(r => r.Key, r => r.Value);
    }

    [Fact]
    public void A_map_task_failing_half_way_is_retried_and_the_result_is_unchanged()
    {
        var clean = Counts(new DataflowOptions { Parallelism = 2 });
        var faults = new[] { new TaskFault(StageKind.ShuffleMap, 1, 1, 2500), new TaskFault(StageKind.ShuffleMap, 3, 1, 10), new TaskFault(StageKind.ShuffleMap, 3, 2, 4000) };
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, Faults = faults });
        var retried = ctx.Parallelize(Input, 4).Map(x => (x, 1L)).ReduceByKey((a, b) => a + b).Collect().ToDictionary(r => r.Key, r => r.Value);
        var map = ctx.Stages.Single(s => s.Kind == StageKind.ShuffleMap);
        output.WriteLine($"attempts {map.Attempts}, failed {map.FailedAttempts}");
        Assert.Equal(clean, retried);
        Assert.Equal(3, map.FailedAttempts);
        Assert.Equal(7, map.Attempts);
    }

    [Fact]
    public void A_result_task_failing_half_way_is_retried_without_duplicates()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, Faults = [new TaskFault(StageKind.Result, 2, 1, 100)] });
        Assert.Equal(Input, ctx.Parallelize(Input, 4).Collect());
    }

    [Fact]
    public void Planted_bug_keeping_a_failed_attempts_output_is_caught()
    {
        var clean = Counts(new DataflowOptions { Parallelism = 2 });
        var buggy = Counts(new DataflowOptions { Parallelism = 2, Bug = DataflowBug.KeepFailedAttemptOutput, Faults = [new TaskFault(StageKind.ShuffleMap, 1, 1, 2500)] });
        Assert.NotEqual(clean, buggy);
        Assert.True(buggy.Values.Sum() > Input.Length, "the failed attempt's records are counted twice");
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, Bug = DataflowBug.KeepFailedAttemptOutput, Faults = [new TaskFault(StageKind.Result, 2, 1, 100)] });
        Assert.NotEqual(Input.Length, ctx.Parallelize(Input, 4).Collect().Count);
    }

    [Fact]
    public void A_task_that_fails_on_every_attempt_fails_the_job_naming_the_partition()
    {
        var always = Enumerable.Range(1, 3).Select(a => new TaskFault(StageKind.Result, 1, a, 1)).ToArray();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2, MaxTaskAttempts = 3, Faults = always });
        var e = Assert.Throws<TaskFailedException>(() => ctx.Parallelize(Input, 3).Count());
        Assert.Equal(1, e.Partition);
        Assert.Equal(3, e.Attempts);
        Assert.IsType<InjectedTaskFailureException>(e.InnerException);
    }
}
