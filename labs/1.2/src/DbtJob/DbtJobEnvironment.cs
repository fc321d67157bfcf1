using System.Text.Json;
using Npgsql;
using StatelessMind.Labs.Orchestration.Alerts;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// The dbt job on real services: the orchestrator's state in one PostgreSQL database, the warehouse (sources, load log,
/// models, published results) in another, a manual clock that the scheduler, sensor, retries and logs all read, and a
/// local webhook that receives the alerts. A day is run by ticking the scheduler and moving the clock to the next
/// wake-up (a poke, a retry) until the run has finished.
/// </summary>
public sealed class DbtJobEnvironment : IAsyncDisposable
{
    /// <summary>How long a warehouse session waits for a lock before its statement fails: a dbt build queued behind a
    /// long report would hold up every later reader of the table too, so it gives up and leaves it to a retry.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _state;
    private readonly HttpClient _http;

    private DbtJobEnvironment(DbtJobOptions options, NpgsqlDataSource state, Scheduler scheduler, ManualClock clock, WebhookListener webhook, HttpClient http)
    {
        Options = options;
        _state = state;
        Scheduler = scheduler;
        Clock = clock;
        Webhook = webhook;
        _http = http;
    }

    public DbtJobOptions Options { get; }
    public Scheduler Scheduler { get; }
    public ManualClock Clock { get; }
    public WebhookListener Webhook { get; }
    public string LogDirectory => Scheduler.LogDirectory;

    /// <summary>The first day's run is due at once: the clock starts when the interval after the start date has ended.</summary>
    public static async Task<DbtJobEnvironment> CreateAsync(string stateDatabase, string warehouse, string workDirectory, DbtJobBug bug = DbtJobBug.None,
        CancellationToken cancellationToken = default)
    {
        var options = new DbtJobOptions
        {
            Warehouse = warehouse,
            ProjectDirectory = ShippedProject.Directory("dbt"),
            WorkDirectory = workDirectory,
            Bug = bug,
        };
        await using (var connection = new NpgsqlConnection(warehouse))
        {
            await connection.OpenAsync(cancellationToken);
            var name = new NpgsqlConnectionStringBuilder(warehouse).Database!;
            await using var command = new NpgsqlCommand(
                $"alter database \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" set lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await SourceLoads.EnsureAsync(warehouse, cancellationToken);
        var dag = DbtJobDag.Create(options);
        var clock = new ManualClock(FirstIntervalEnd(dag));
        var webhook = new WebhookListener();
        var http = new HttpClient();
        var state = NpgsqlDataSource.Create(stateDatabase);
        var scheduler = new Scheduler(state, new SchedulerOptions
        {
            Clock = clock,
            LogDirectory = Path.Combine(workDirectory, "logs"),
            Alerts = new WebhookAlertSink(http, webhook.Endpoint),
            SchedulerId = "dbt-job",
        });
        scheduler.Register(dag);
        await scheduler.StartAsync(cancellationToken);
        return new DbtJobEnvironment(options, state, scheduler, clock, webhook, http);
    }

    private static DateTimeOffset FirstIntervalEnd(Dag dag)
    {
        var first = dag.Cron!.GetNextOccurrence(dag.Options.StartDate.UtcDateTime, inclusive: true)!.Value;
        return new DateTimeOffset(dag.Cron.GetNextOccurrence(first)!.Value, TimeSpan.Zero);
    }

    /// <summary>The end of the data interval of the run that is due now: the clock stands on a schedule time (at the
    /// start, and after <see cref="NextDay"/>).</summary>
    public DateTimeOffset IntervalEnd => Clock.GetUtcNow();

    /// <summary>The loader: the operational sources with <paramref name="orders"/> orders (and, with
    /// <paramref name="newSegment"/>, customers in a segment the project's tests do not accept), recorded in the load log
    /// as loaded through <paramref name="through"/>.</summary>
    public async Task LandAsync(DateTimeOffset through, int orders, bool newSegment = false, CancellationToken cancellationToken = default)
    {
        await ShippedProject.LoadSourcesAsync(Options.Warehouse, orders, cancellationToken);
        if (newSegment)
        {
            await using var connection = new NpgsqlConnection(Options.Warehouse);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("update retail_ops.customers set segment = 'vip' where customer_id % 50 = 0", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await SourceLoads.RecordAsync(Options.Warehouse, through, orders, cancellationToken);
    }

    /// <summary>Moves the clock to the next day's schedule time, which makes that day's run due.</summary>
    public void NextDay()
    {
        var cron = Scheduler.Dag(DbtJobDag.DagId).Cron!;
        Clock.AdvanceTo(new DateTimeOffset(cron.GetNextOccurrence(Clock.GetUtcNow().UtcDateTime)!.Value, TimeSpan.Zero));
    }

    /// <summary>Runs the due run to its end. Whenever the run can only wait for the clock, <paramref name="whileWaiting"/>
    /// is told which task waits (and how often the run has waited) before the clock moves to that task's next try.</summary>
    public async Task<DbtJobDay> RunDayAsync(Func<string, int, Task>? whileWaiting = null, CancellationToken cancellationToken = default)
    {
        var alertsBefore = Webhook.Received.Count;
        var runsBefore = (await Scheduler.Store.RunsAsync(DbtJobDag.DagId, null, cancellationToken)).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var waits = 0;
        while (!await Scheduler.RunUntilIdleAsync(cancellationToken: cancellationToken))
        {
            var active = await Scheduler.Store.RunsAsync(DbtJobDag.DagId, ["queued", "running"], cancellationToken);
            var waiting = new List<TaskInstanceInfo>();
            foreach (var run in active)
                waiting.AddRange((await Scheduler.Store.TaskInstancesAsync(DbtJobDag.DagId, run.RunId, cancellationToken))
                    .Where(t => t.State is TaskState.UpForRetry or TaskState.UpForReschedule && t.NextTryAt is not null));
            var next = waiting.MinBy(t => t.NextTryAt)
                       ?? throw new InvalidOperationException($"the run of {DbtJobDag.DagId} is stuck: no task waits for a time the clock can reach");
            if (whileWaiting is not null) await whileWaiting(next.Key.TaskId, ++waits);
            Clock.AdvanceTo(next.NextTryAt!.Value);
        }
        var runs = await Scheduler.Store.RunsAsync(DbtJobDag.DagId, null, cancellationToken);
        var ran = runs.Where(r => !runsBefore.Contains(r.RunId)).ToList();
        if (ran.Count != 1) throw new InvalidOperationException($"expected one new run of {DbtJobDag.DagId}, found {ran.Count}");
        var day = ran[0];
        var instances = await Scheduler.Store.TaskInstancesAsync(DbtJobDag.DagId, day.RunId, cancellationToken);
        var events = await Scheduler.Store.TaskEventsAsync(DbtJobDag.DagId, day.RunId, cancellationToken);
        TestResultSummary? published = null;
        if (instances.Any(t => t.Key.TaskId == DbtJobDag.Publish && t.State == TaskState.Success))
            published = await Scheduler.XComs.PullAsync<TestResultSummary>(DbtJobDag.DagId, day.RunId, DbtJobDag.Publish, cancellationToken: cancellationToken);
        return new DbtJobDay(
            day.RunId,
            day.State,
            instances.ToDictionary(t => t.Key.TaskId, t => new TaskOutcome(t.State, t.TryNumber), StringComparer.Ordinal),
            events,
            [.. Webhook.Received.Skip(alertsBefore)],
            published,
            events.Count(e => e.Key.TaskId == DbtJobDag.Sensor && e.To == TaskState.Running),
            TaskOrderAudit.Violations(DbtJobDag.RequiredOrder, events));
    }

    /// <summary>Opens a transaction that reads <paramref name="table"/> and keeps its lock until disposed or committed: a
    /// long report in the warehouse.</summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Report)> HoldReadLockAsync(string table, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(Options.Warehouse);
        await connection.OpenAsync(cancellationToken);
        var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection, tx);
        await command.ExecuteScalarAsync(cancellationToken);
        return (connection, tx);
    }

    /// <summary>The warehouse's published test results of a run (rows of <see cref="TestResultPublisher.Table"/>).</summary>
    public async Task<IReadOnlyList<(string UniqueId, string Status, long Failures)>> PublishedRowsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(Options.Warehouse);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select unique_id, status, failures from {TestResultPublisher.Table} where run_id = $1 order by unique_id", connection);
        command.Parameters.Add(new() { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string, long)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Webhook.DisposeAsync();
        _http.Dispose();
        await _state.DisposeAsync();
    }
}
