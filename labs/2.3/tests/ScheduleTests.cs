using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-2")]
[Collection(PostgresCollection.Name)]
public sealed class ScheduleTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Dag Hourly(bool catchup) => new("h", new DagOptions { Schedule = "0 * * * *", StartDate = T0, Catchup = catchup, MaxActiveRuns = 100 });

    [Fact]
    public void Catchup_lists_every_ended_interval_and_no_catchup_only_the_newest()
    {
        var now = T0.AddHours(3).AddMinutes(30);
        var due = DataIntervals.Due(Hourly(true), null, now, 100);
        Assert.Equal([new DataInterval(T0, T0.AddHours(1)), new DataInterval(T0.AddHours(1), T0.AddHours(2)), new DataInterval(T0.AddHours(2), T0.AddHours(3))], due);
        Assert.Equal([new DataInterval(T0.AddHours(2), T0.AddHours(3))], DataIntervals.Due(Hourly(false), null, now, 100));
        Assert.Equal([new DataInterval(T0.AddHours(2), T0.AddHours(3))], DataIntervals.Due(Hourly(true), T0.AddHours(1), now, 100));
        Assert.Empty(DataIntervals.Due(Hourly(true), T0.AddHours(2), now, 100));
        Assert.Equal(2, DataIntervals.Due(Hourly(true), null, now, 2).Count);
    }

    [Fact]
    public void The_planted_catchup_bug_skips_an_interval_and_is_caught()
    {
        var due = DataIntervals.Due(Hourly(true), T0, T0.AddHours(4), 100, OrchestrationBug.CatchupSkipsInterval);
        Assert.NotEqual(T0.AddHours(1), due[0].Start);
        // With one run slot free it skips too: whether it shows must not depend on how many runs end in the same tick.
        Assert.Equal(T0.AddHours(2), Assert.Single(DataIntervals.Due(Hourly(true), T0, T0.AddHours(4), 1, OrchestrationBug.CatchupSkipsInterval)).Start);
    }

    [Fact]
    public async Task The_scheduler_catches_up_under_max_active_runs_and_creates_each_interval_once()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0.AddHours(5));
        var dag = new Dag("hourly", new DagOptions { Schedule = "0 * * * *", StartDate = T0, MaxActiveRuns = 2 });
        dag.Task("work", DelegateTasks.Work(TimeSpan.Zero));
        t.Scheduler.Register(dag);
        await t.Scheduler.TickAsync();
        var first = await t.Scheduler.Store.RunsAsync("hourly");
        Assert.Equal(2, first.Count);
        Assert.All(first, r => Assert.Equal(r.DataIntervalStart.AddHours(1), r.DataIntervalEnd));
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        var runs = await t.Scheduler.Store.RunsAsync("hourly");
        Assert.Equal(Enumerable.Range(0, 5).Select(h => T0.AddHours(h)), runs.Select(r => r.LogicalDate));
        await t.Scheduler.TickAsync();
        Assert.Equal(5, (await t.Scheduler.Store.RunsAsync("hourly")).Count);
    }

    [Fact]
    public async Task Backfill_creates_a_run_per_interval_of_the_range_once()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("daily", new DagOptions { Schedule = "0 0 * * *", StartDate = T0.AddDays(30), MaxActiveRuns = 3 });
        dag.Task("work", DelegateTasks.Work(TimeSpan.Zero));
        t.Scheduler.Register(dag);
        var created = await t.Scheduler.BackfillAsync("daily", T0.AddDays(-7), T0.AddDays(-1));
        Assert.Equal(7, created.Count);
        Assert.Empty(await t.Scheduler.BackfillAsync("daily", T0.AddDays(-7), T0.AddDays(-1)));
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        Assert.All(await t.Scheduler.Store.RunsAsync("daily"), r => Assert.Equal("success", r.State));
    }
}
