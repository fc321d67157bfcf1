using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-3")]
[Collection(PostgresCollection.Name)]
public sealed class TaskMappingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_mapped_task_expands_over_the_upstream_list_and_the_reduce_sees_every_value()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch);
        t.Scheduler.Register(DynamicWorkflowExperiment.MapReduceDag());
        var run = await t.Scheduler.TriggerAsync("mapped_sum", new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        var tis = await t.Scheduler.Store.TaskInstancesAsync("mapped_sum", run.RunId);
        Assert.Equal(["make_numbers[-1]", "square[0]", "square[1]", "square[2]", "square[3]", "square[4]", "total[-1]"],
            tis.Select(x => $"{x.Key.TaskId}[{x.Key.MapIndex}]"));
        Assert.All(tis, x => Assert.Equal(TaskState.Success, x.State));
        Assert.Equal([1, 4, 9, 16, 25], await t.Scheduler.XComs.PullMappedAsync<int>("mapped_sum", run.RunId, "square"));
        Assert.Equal(55, await t.Scheduler.XComs.PullAsync<int>("mapped_sum", run.RunId, "total"));
    }

    [Fact]
    public async Task An_empty_list_skips_the_mapped_task()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch);
        var dag = new Dag("empty");
        var list = dag.Task("list", new DelegateOperator((_, _) => Task.FromResult<object?>(Array.Empty<int>())));
        var each = dag.Task("each", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { ExpandFrom = "list" });
        _ = list >> each;
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("empty");
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        Assert.Equal(TaskState.Skipped, (await t.Scheduler.Store.TaskInstancesAsync("empty", run.RunId)).Single(x => x.Key.TaskId == "each").State);
    }
}
