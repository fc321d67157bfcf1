using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-2")]
[Collection(PostgresCollection.Name)]
public sealed class RetryTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Backoff_doubles_per_try_up_to_the_maximum()
    {
        var options = new TaskOptions { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(3) };
        Assert.Equal([30, 60, 120, 180, 180], Enumerable.Range(1, 5).Select(n => RetryBackoff.Delay(options, n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(options with { ExponentialBackoff = false }, 4));
    }

    [Fact]
    public async Task A_failing_task_waits_up_for_retry_until_its_backoff_has_passed()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("flaky");
        dag.Task("flaky", DelegateTasks.FailFirst(2), new TaskOptions { Retries = 2, RetryDelay = TimeSpan.FromMinutes(1) });
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("flaky");
        async Task<TaskInstanceInfo> Step()
        {
            await t.Scheduler.TickAsync();
            await t.Scheduler.DrainAsync();
            return (await t.Scheduler.Store.TaskInstancesAsync("flaky", run.RunId)).Single();
        }
        var ti = await Step();
        Assert.Equal((TaskState.UpForRetry, 1, T0.AddMinutes(1)), (ti.State, ti.TryNumber, ti.NextTryAt!.Value));
        t.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal((TaskState.UpForRetry, 1), ((await Step()).State, (await Step()).TryNumber));
        t.Clock.Advance(TimeSpan.FromSeconds(1));
        ti = await Step();
        Assert.Equal((TaskState.UpForRetry, 2, T0.AddMinutes(3)), (ti.State, ti.TryNumber, ti.NextTryAt!.Value));
        t.Clock.Advance(TimeSpan.FromMinutes(2));
        ti = await Step();
        Assert.Equal((TaskState.Success, 3), (ti.State, ti.TryNumber));
    }

    [Fact]
    public async Task A_try_over_its_timeout_is_cancelled_and_fails()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("slow");
        dag.Task("stuck", DelegateTasks.Hang(), new TaskOptions { Timeout = TimeSpan.FromMinutes(10), Retries = 1, RetryDelay = TimeSpan.FromMinutes(1) });
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("slow");
        await t.Scheduler.TickAsync();
        t.Clock.Advance(TimeSpan.FromMinutes(10));
        await t.Scheduler.DrainAsync();
        var ti = (await t.Scheduler.Store.TaskInstancesAsync("slow", run.RunId)).Single();
        Assert.Equal(TaskState.UpForRetry, ti.State);
        var log = TaskLog.Read(TaskLog.PathFor(t.Logs, ti.Key, 1));
        Assert.Contains(log, r => r["event"] == "try failed" && r["error"].StartsWith("TimeoutRejectedException", StringComparison.Ordinal));
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        await t.Scheduler.TickAsync();
        t.Clock.Advance(TimeSpan.FromMinutes(10));
        await t.Scheduler.DrainAsync();
        ti = (await t.Scheduler.Store.TaskInstancesAsync("slow", run.RunId)).Single();
        Assert.Equal((TaskState.Failed, 2), (ti.State, ti.TryNumber));
    }
}
