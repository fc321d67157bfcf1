using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-1")]
[Collection(PostgresCollection.Name)]
public sealed class DagExecutionTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Shell_sql_and_dotnet_tasks_run_in_dependency_order_and_succeed()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var connection = t.Db.ConnectionString;
        var dag = new Dag("mixed");
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var extract = dag.Task("extract", new BashOperator("echo rows-for-{{ ds }}"));
        var sql = dag.Task("count", new SqlOperator(connection, "select 40 + 2"));
        var dotnet = dag.Task("measure", new DelegateOperator(async (c, ct) =>
        {
            order.Enqueue("measure");
            return (await c.XCom.PullAsync<string>("extract", cancellationToken: ct)) + "/" + await c.XCom.PullAsync<int>("count", cancellationToken: ct);
        }));
        var report = dag.Task("report", DelegateTasks.Work(TimeSpan.Zero, _ => order.Enqueue("report")));
        _ = extract >> TaskSet.Of(sql, dotnet) >> report;
        _ = sql >> dotnet;
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("mixed");
        Assert.True(await t.Scheduler.RunUntilIdleAsync());

        var tis = await t.Scheduler.Store.TaskInstancesAsync("mixed", run.RunId);
        Assert.All(tis, ti => Assert.Equal(TaskState.Success, ti.State));
        Assert.Equal(0, DagExecutionExperiment.OrderViolationsOf(dag, tis));
        Assert.Equal(["measure", "report"], order);
        Assert.Equal("rows-for-2026-01-01/42", await t.Scheduler.XComs.PullAsync<string>("mixed", run.RunId, "measure"));
        Assert.Equal("success", (await t.Scheduler.Store.RunAsync("mixed", run.RunId))!.State);
        output.WriteLine(string.Join(", ", tis.Select(x => $"{x.Key.TaskId}={TaskStates.Name(x.State)}")));
    }

    [Fact]
    public async Task After_a_failure_all_done_and_one_failed_tasks_run_and_all_success_ones_are_upstream_failed()
    {
        var states = await DagExecutionExperiment.TriggerRuleScenarioAsync(postgres.Server, OrchestrationBug.None, Path.Combine(Path.GetTempPath(), "orch-rules"), default);
        Assert.Equal(TaskState.Failed, states["transform_fails"]);
        Assert.Equal(TaskState.Success, states["transform_ok"]);
        Assert.Equal(TaskState.UpstreamFailed, states["load"]);
        Assert.Equal(TaskState.Success, states["cleanup"]);
        Assert.Equal(TaskState.Success, states["alert"]);
    }

    [Fact]
    public async Task The_planted_bug_that_ignores_trigger_rules_is_caught()
    {
        var states = await DagExecutionExperiment.TriggerRuleScenarioAsync(postgres.Server, OrchestrationBug.TriggerRuleIgnored, Path.Combine(Path.GetTempPath(), "orch-rules"), default);
        Assert.NotEqual(TaskState.Success, states["cleanup"]);
        Assert.NotEqual(TaskState.Success, states["alert"]);
    }

    [Fact]
    public async Task A_cyclic_dag_cannot_be_registered()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch);
        var dag = new Dag("loop");
        var a = dag.Task("a", DelegateTasks.Work(TimeSpan.Zero));
        var b = dag.Task("b", DelegateTasks.Work(TimeSpan.Zero));
        _ = a >> b >> a;
        var e = Assert.Throws<DagCycleException>(() => t.Scheduler.Register(dag));
        Assert.Equal(3, e.Cycle.Count);
    }
}
