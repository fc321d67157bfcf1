using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Tests;

/// <summary>Sensors in reschedule mode: an unmet condition is a reschedule of the same try, not a failed try; the timeout
/// runs from the try's first poke and fails the task for good; task_event records every change in order.</summary>
[Goal("2.3-2")]
[Collection(PostgresCollection.Name)]
public sealed class SensorTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poke = TimeSpan.FromMinutes(5);

    private sealed class FlagSensor(Func<bool> condition, TimeSpan timeout) : Sensor(Poke, timeout)
    {
        public int Pokes { get; private set; }

        public override Task<bool> PokeAsync(TaskContext context, CancellationToken cancellationToken)
        {
            Pokes++;
            return Task.FromResult(condition());
        }
    }

    [Fact]
    public async Task An_unmet_sensor_is_rescheduled_without_spending_a_try_and_succeeds_once_its_condition_holds()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var landed = false;
        var dag = new Dag("wait");
        var sensor = new FlagSensor(() => landed, TimeSpan.FromHours(1));
        _ = dag.Task("wait_for_file", sensor, new TaskOptions { Retries = 1 }) >> dag.Task("load", DelegateTasks.Work(TimeSpan.Zero));
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("wait");

        Assert.False(await t.Scheduler.RunUntilIdleAsync());
        var ti = (await t.Scheduler.Store.TaskInstancesAsync("wait", run.RunId)).Single(x => x.Key.TaskId == "wait_for_file");
        Assert.Equal((TaskState.UpForReschedule, 0, T0 + Poke), (ti.State, ti.TryNumber, ti.NextTryAt!.Value));

        t.Clock.Advance(Poke - TimeSpan.FromSeconds(1));
        Assert.False(await t.Scheduler.RunUntilIdleAsync());
        Assert.Equal(1, sensor.Pokes);
        t.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await t.Scheduler.RunUntilIdleAsync());
        Assert.Equal(2, sensor.Pokes);

        landed = true;
        t.Clock.Advance(Poke);
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        var tis = await t.Scheduler.Store.TaskInstancesAsync("wait", run.RunId);
        Assert.All(tis, x => Assert.Equal((TaskState.Success, 1), (x.State, x.TryNumber)));
        Assert.Equal(3, sensor.Pokes);

        var events = await t.Scheduler.Store.TaskEventsAsync("wait", run.RunId);
        var sensorEvents = events.Where(e => e.Key.TaskId == "wait_for_file").Select(e => $"{TaskStates.Name(e.From)}>{TaskStates.Name(e.To)}#{e.TryNumber}");
        Assert.Equal(
            ["none>queued#0", "queued>running#1", "running>up_for_reschedule#1", "up_for_reschedule>queued#0", "queued>running#1", "running>up_for_reschedule#1",
             "up_for_reschedule>queued#0", "queued>running#1", "running>success#1"],
            sensorEvents);
        var sensed = events.Single(e => e.Key.TaskId == "wait_for_file" && e.To == TaskState.Success);
        var loadStarted = events.Single(e => e.Key.TaskId == "load" && e.To == TaskState.Running);
        Assert.True(loadStarted.Id > sensed.Id, "the downstream task started after the sensor succeeded");
        Assert.Equal(T0 + Poke + Poke, sensed.At);
    }

    [Fact]
    public async Task A_sensor_out_of_time_fails_without_a_retry_after_the_pokes_its_timeout_allows()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("never");
        var sensor = new FlagSensor(() => false, TimeSpan.FromMinutes(30));
        _ = dag.Task("wait_for_file", sensor, new TaskOptions { Retries = 3 }) >> dag.Task("load", DelegateTasks.Work(TimeSpan.Zero));
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("never");
        while (!await t.Scheduler.RunUntilIdleAsync()) t.Clock.Advance(Poke);

        var tis = (await t.Scheduler.Store.TaskInstancesAsync("never", run.RunId)).ToDictionary(x => x.Key.TaskId);
        Assert.Equal((TaskState.Failed, 1), (tis["wait_for_file"].State, tis["wait_for_file"].TryNumber));
        Assert.Equal(TaskState.UpstreamFailed, tis["load"].State);
        Assert.Equal(7, sensor.Pokes); // at 0, 5, …, 30 minutes: the poke at 30 finds the timeout reached
        Assert.Equal("failed", (await t.Scheduler.Store.RunAsync("never", run.RunId))!.State);
        var log = TaskLog.Read(TaskLog.PathFor(t.Logs, tis["wait_for_file"].Key, 1));
        Assert.Contains(log, r => r["event"] == "try failed" && r["error"].StartsWith(nameof(SensorTimeoutException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_failed_exception_fails_the_task_with_its_retries_unspent()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("doomed");
        var tries = 0;
        dag.Task("check", new DelegateOperator((_, _) => { tries++; throw new TaskFailedException("the data is wrong; a retry reads the same data"); }),
            new TaskOptions { Retries = 2, RetryDelay = TimeSpan.FromMinutes(1) });
        t.Scheduler.Register(dag);
        var run = await t.Scheduler.TriggerAsync("doomed");

        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        var ti = (await t.Scheduler.Store.TaskInstancesAsync("doomed", run.RunId)).Single();
        Assert.Equal((TaskState.Failed, 1, 3), (ti.State, ti.TryNumber, ti.MaxTries));
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task A_sql_sensor_pokes_postgres_with_its_rendered_query()
    {
        var connection = await postgres.CreateDatabaseAsync("sensor");
        await using (var db = Npgsql.NpgsqlDataSource.Create(connection))
        await using (var create = db.CreateCommand("create table loads (loaded_through timestamptz not null)"))
            await create.ExecuteNonQueryAsync();
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        var dag = new Dag("sql_wait", new DagOptions { Schedule = "0 0 * * *", StartDate = T0.AddDays(-1), Catchup = false });
        dag.Task("wait", new SqlSensor(connection, "select exists (select 1 from loads where loaded_through >= '{{ data_interval_end }}')", Poke, TimeSpan.FromHours(2)));
        t.Scheduler.Register(dag);

        Assert.False(await t.Scheduler.RunUntilIdleAsync());
        var run = (await t.Scheduler.Store.RunsAsync("sql_wait")).Single();
        Assert.Equal(T0, run.DataIntervalEnd);
        await using (var db = Npgsql.NpgsqlDataSource.Create(connection))
        await using (var insert = db.CreateCommand("insert into loads values ('2026-03-31T23:00:00Z')"))
            await insert.ExecuteNonQueryAsync();
        t.Clock.Advance(Poke);
        Assert.False(await t.Scheduler.RunUntilIdleAsync());
        Assert.Equal(TaskState.UpForReschedule, (await t.Scheduler.Store.TaskInstancesAsync("sql_wait", run.RunId)).Single().State);
        await using (var db = Npgsql.NpgsqlDataSource.Create(connection))
        await using (var insert = db.CreateCommand("insert into loads values ('2026-04-01T00:00:00Z')"))
            await insert.ExecuteNonQueryAsync();
        t.Clock.Advance(Poke);
        Assert.True(await t.Scheduler.RunUntilIdleAsync());
        Assert.Equal(TaskState.Success, (await t.Scheduler.Store.TaskInstancesAsync("sql_wait", run.RunId)).Single().State);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(0, false)]
    [InlineData(3L, true)]
    [InlineData(0.0, false)]
    [InlineData("", false)]
    [InlineData("x", true)]
    public void Truthiness_follows_airflows_sql_sensor(object? value, bool truthy) => Assert.Equal(truthy, SqlSensor.Truthy(value));

    [Fact]
    public void A_sensor_needs_a_positive_poke_interval_and_timeout()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqlSensor("Host=unused", "select true", TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqlSensor("Host=unused", "select true", Poke, TimeSpan.FromSeconds(-1)));
    }
}
