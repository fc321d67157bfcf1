using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Polly;
using StatelessMind.Labs.Orchestration.Alerts;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Orchestration.XComs;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>
/// Airflow's scheduler and a local executor in one: on each <see cref="TickAsync"/> it creates the due runs of the
/// registered DAGs (cron, catchup, max_active_runs), decides every waiting task instance from its upstream states and
/// trigger rule, expands mapped tasks, starts the ready ones, records SLA misses and finishes runs. All state lives in
/// PostgreSQL, so a new scheduler on the same database resumes where a crashed one stopped.
/// </summary>
public sealed class Scheduler
{
    private static readonly string[] ActiveRunStates = ["queued", "running"];
    private readonly Dictionary<string, Dag> _dags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TaskInstanceKey, Task> _inFlight = new();
    private readonly SchedulerOptions _options;

    public Scheduler(NpgsqlDataSource dataSource, SchedulerOptions? options = null)
    {
        _options = options ?? new SchedulerOptions();
        Store = new StateStore(dataSource);
        XComs = new XComStore(dataSource, _options.XComMaxBytes, _options.Bug);
        Metrics = _options.Metrics ?? new OrchestratorMetrics();
    }

    public StateStore Store { get; }
    public XComStore XComs { get; }
    public OrchestratorMetrics Metrics { get; }
    public string SchedulerId => _options.SchedulerId;
    public string LogDirectory => _options.LogDirectory;
    public TimeProvider Clock => _options.Clock;
    public IReadOnlyCollection<Dag> Dags => _dags.Values;

    /// <summary>Adds a DAG after checking it: a cycle is rejected, named.</summary>
    public void Register(Dag dag)
    {
        dag.TopologicalOrder();
        if (!_dags.TryAdd(dag.DagId, dag)) throw new DagDefinitionException($"A DAG '{dag.DagId}' is registered already.");
    }

    public Dag Dag(string dagId) => _dags.TryGetValue(dagId, out var dag) ? dag
        : throw new DagDefinitionException($"No DAG '{dagId}' is registered (DAGs: {string.Join(", ", _dags.Keys)}).");

    /// <summary>Creates the tables if needed and takes over from a scheduler that stopped: its queued and running task
    /// instances go back to scheduled, to be tried again.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await Store.EnsureSchemaAsync(cancellationToken);
        if (_options.Bug == OrchestrationBug.RestartRerunsCompletedTasks)
        {
            await Store.ExecuteAsync(
                """
                update task_instance t set state = 'scheduled' from dag_run r
                where r.dag_id = t.dag_id and r.run_id = t.run_id and r.state = 'running' and t.state <> 'none'
                """, [], cancellationToken);
            return;
        }
        await ResetOrphansAsync(cancellationToken);
    }

    private async Task ResetOrphansAsync(CancellationToken cancellationToken)
    {
        #region Exercise 2.3-1c: on start, send the queued and running task instances of earlier schedulers back to scheduled, and nothing else (tests: CrashResumeTests)
        await Store.ExecuteAsync(
            "update task_instance set state = 'scheduled' where state in ('queued', 'running') and coalesce(scheduler_id, '') <> $1",
            [SchedulerId], cancellationToken);
        #endregion
    }

    /// <summary>A manual run (<c>dags trigger</c>): its logical date is now unless given, its data interval that instant.</summary>
    public async Task<DagRunInfo> TriggerAsync(string dagId, DateTimeOffset? logicalDate = null, CancellationToken cancellationToken = default)
    {
        var dag = Dag(dagId);
        var now = Clock.GetUtcNow();
        var date = logicalDate ?? now;
        var run = new DagRunInfo(dagId, $"manual__{date:yyyy-MM-ddTHH:mm:ss.fffffffzzz}", "manual", date, date, date, "queued", now, null, null);
        if (!await Store.CreateRunAsync(run, TaskRows(dag), cancellationToken))
            throw new InvalidOperationException($"DAG '{dagId}' has a run '{run.RunId}' already.");
        return run;
    }

    /// <summary>Creates a run for every interval that starts in [from, to] and has none yet (<c>dags backfill</c>);
    /// they run under the DAG's max_active_runs like scheduled runs.</summary>
    public async Task<IReadOnlyList<DagRunInfo>> BackfillAsync(string dagId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var dag = Dag(dagId);
        if (dag.Cron is null) throw new DagDefinitionException($"DAG '{dagId}' has no schedule, so it has no intervals to backfill.");
        var created = new List<DagRunInfo>();
        foreach (var interval in DataIntervals.Between(dag.Cron, from, to))
        {
            var run = new DagRunInfo(dagId, $"backfill__{interval.Start:yyyy-MM-ddTHH:mm:sszzz}", "backfill", interval.Start, interval.Start, interval.End, "queued", Clock.GetUtcNow(), null, null);
            if (await Store.CreateRunAsync(run, TaskRows(dag), cancellationToken)) created.Add(run);
        }
        return created;
    }

    private static IEnumerable<(string, int)> TaskRows(Dag dag) => dag.Tasks.Select(t => (t.TaskId, t.Options.Retries + 1));

    /// <summary>One scheduling loop: create due runs, start runs under max_active_runs, advance task instances, record SLA
    /// misses, finish runs. Tries it starts keep running after it returns; <see cref="DrainAsync"/> waits for them.</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow();
        foreach (var dag in _dags.Values.Where(d => d.Cron is not null)) await CreateScheduledRunsAsync(dag, now, cancellationToken);

        var active = await Store.RunsAsync(null, ActiveRunStates, cancellationToken);
        foreach (var group in active.Where(r => _dags.ContainsKey(r.DagId)).GroupBy(r => r.DagId))
        {
            var dag = _dags[group.Key];
            var running = group.Count(r => r.State == "running");
            foreach (var queued in group.Where(r => r.State == "queued").OrderBy(r => r.LogicalDate))
            {
                if (running >= dag.Options.MaxActiveRuns) break;
                await Store.SetRunStateAsync(dag.DagId, queued.RunId, "running", now, cancellationToken);
                running++;
            }
        }
        foreach (var run in await Store.RunsAsync(null, ["running"], cancellationToken))
        {
            if (!_dags.TryGetValue(run.DagId, out var dag)) continue;
            await AdvanceRunAsync(dag, run, cancellationToken);
        }
    }

    /// <summary>Waits until every try this scheduler started has finished and recorded its state.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            var pending = _inFlight.ToArray();
            if (pending.Length == 0) return;
            await Task.WhenAll(pending.Select(p => p.Value));
            // Remove by key and value: a try that finished synchronously was added after it finished, and a retry may have
            // replaced an entry since.
            foreach (var entry in pending) ((ICollection<KeyValuePair<TaskInstanceKey, Task>>)_inFlight).Remove(entry);
        }
    }

    /// <summary>Ticks and drains until a tick changes nothing; returns whether every run has finished (false: some wait for
    /// the clock, e.g. a retry's backoff).</summary>
    public async Task<bool> RunUntilIdleAsync(int maxTicks = 1000, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            var before = await FingerprintAsync(cancellationToken);
            await TickAsync(cancellationToken);
            await DrainAsync();
            var after = await FingerprintAsync(cancellationToken);
            // Idle: a tick changed nothing. Done if no run is active; otherwise the clock must move (retries, schedules).
            if (before == after) return (await Store.RunsAsync(null, ActiveRunStates, cancellationToken)).Count == 0;
        }
        return false;
    }

    private async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var run in await Store.RunsAsync(null, null, cancellationToken))
        {
            parts.Add(run.RunId + run.State);
            parts.AddRange((await Store.TaskInstancesAsync(run.DagId, run.RunId, cancellationToken)).Select(t => $"{t.Key}{t.State}{t.TryNumber}"));
        }
        return string.Join("|", parts);
    }

    private async Task CreateScheduledRunsAsync(Dag dag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = (await Store.RunsAsync(dag.DagId, ActiveRunStates, cancellationToken)).Count;
        var last = await Store.LastScheduledLogicalDateAsync(dag.DagId, cancellationToken);
        foreach (var interval in DataIntervals.Due(dag, last, now, dag.Options.MaxActiveRuns - active, _options.Bug))
        {
            var run = new DagRunInfo(dag.DagId, $"scheduled__{interval.Start:yyyy-MM-ddTHH:mm:sszzz}", "scheduled", interval.Start, interval.Start, interval.End, "queued", now, null, null);
            if (await Store.CreateRunAsync(run, TaskRows(dag), cancellationToken))
                Metrics.SchedulerLag.WithLabels(dag.DagId).Set((now - interval.End).TotalSeconds);
        }
    }

    private async Task AdvanceRunAsync(Dag dag, DagRunInfo run, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        bool changed;
        do
        {
            changed = false;
            var instances = await Store.TaskInstancesAsync(dag.DagId, run.RunId, cancellationToken);
            foreach (var ti in instances)
            {
                if (ti.State is not (TaskState.None or TaskState.Scheduled or TaskState.UpForRetry or TaskState.UpForReschedule)) continue;
                if ((ti.State is TaskState.UpForRetry or TaskState.UpForReschedule) && ti.NextTryAt > now) continue;
                var task = dag[ti.Key.TaskId];
                var upstream = instances.Where(u => task.Upstream.Contains(u.Key.TaskId)).Select(u => u.State).ToList();
                var rule = _options.Bug == OrchestrationBug.TriggerRuleIgnored ? TriggerRule.AllSuccess : task.Options.TriggerRule;
                switch (TriggerRules.Decide(rule, upstream))
                {
                    case TriggerDecision.Wait:
                        continue;
                    case TriggerDecision.Skip:
                        changed |= await Store.TransitionAsync(ti.Key, ti.State, TaskState.Skipped, now, cancellationToken: cancellationToken);
                        continue;
                    case TriggerDecision.UpstreamFailed:
                        changed |= await Store.TransitionAsync(ti.Key, ti.State, TaskState.UpstreamFailed, now, cancellationToken: cancellationToken);
                        continue;
                }
                if (task.IsMapped && ti.Key.MapIndex < 0)
                {
                    changed |= await ExpandAsync(task, ti, now, cancellationToken);
                    continue;
                }
                if (!await Store.TransitionAsync(ti.Key, ti.State, TaskState.Queued, now, cancellationToken: cancellationToken)) continue;
                if (await Store.ClaimAsync(ti.Key, SchedulerId, now, cancellationToken) is not { } tryNumber) continue;
                object? item = task.IsMapped ? await MapItemAsync(task, ti.Key, cancellationToken) : null;
                _inFlight[ti.Key] = RunTryAsync(task, run, ti.Key, tryNumber, ti.MaxTries, item);
            }
        } while (changed);

        var latest = await Store.TaskInstancesAsync(dag.DagId, run.RunId, cancellationToken);
        await CheckSlasAsync(dag, run, latest, now, cancellationToken);
        if (latest.All(t => TaskStates.IsFinished(t.State)))
        {
            var leaves = dag.Tasks.Where(t => t.Downstream.Count == 0).Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
            var failed = latest.Any(t => leaves.Contains(t.Key.TaskId) && t.State is TaskState.Failed or TaskState.UpstreamFailed);
            await Store.SetRunStateAsync(dag.DagId, run.RunId, failed ? "failed" : "success", now, cancellationToken);
        }
    }

    private async Task<bool> ExpandAsync(DagTask task, TaskInstanceInfo unexpanded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = await MappedItemsAsync(task, unexpanded.Key, cancellationToken);
        if (items.Count == 0) return await Store.TransitionAsync(unexpanded.Key, unexpanded.State, TaskState.Skipped, now, cancellationToken: cancellationToken);
        return await Store.ExpandAsync(unexpanded.Key, items.Count, unexpanded.MaxTries, cancellationToken);
    }

    private async Task<JsonElement> MapItemAsync(DagTask task, TaskInstanceKey key, CancellationToken cancellationToken) =>
        (await MappedItemsAsync(task, key, cancellationToken))[key.MapIndex];

    /// <summary>The list a mapped task expands over: the upstream task's return value, which must be a JSON array.</summary>
    internal async Task<IReadOnlyList<JsonElement>> MappedItemsAsync(DagTask task, TaskInstanceKey key, CancellationToken cancellationToken)
    {
        var source = task.Options.ExpandFrom!;
        #region Exercise 2.3-3b: read the upstream task's returned list from its XCom, as the elements the mapped task expands over (tests: TaskMappingTests, ExperimentTests)
        var rows = await XComs.ReadAsync(key.DagId, key.RunId, source, XComStore.ReturnValueKey, cancellationToken);
        if (rows.Count != 1)
            throw new XComNotFoundException($"Task '{task.TaskId}' expands over the return value of '{source}', which pushed {rows.Count} values in run '{key.RunId}'.");
        using var document = JsonDocument.Parse(rows[0].Json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new XComNotFoundException($"Task '{task.TaskId}' expands over the return value of '{source}', which is a {rows[0].Type}, not a list.");
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
        #endregion
    }

    private async Task RunTryAsync(DagTask task, DagRunInfo run, TaskInstanceKey key, int tryNumber, int maxTries, object? mapItem)
    {
        var started = Clock.GetUtcNow();
        var log = new TaskLog(_options.LogDirectory, key, tryNumber, Clock);
        log.Info("try started", new() { ["operator"] = task.Operator.Kind, ["max_tries"] = maxTries.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        // A sensor's timeout runs from the first start of its try, which earlier pokes (reschedules) recorded.
        var poke = task.Operator is Sensor ? await Store.PokeOfTryAsync(key, tryNumber) : new SensorPoke(1, started);
        var context = new TaskContext(key, run, tryNumber, mapItem, Clock, new XComAccess(XComs, key), log, poke);
        Exception? error = null;
        try
        {
            var pipeline = task.Options.Timeout is { } timeout
                ? new ResiliencePipelineBuilder { TimeProvider = Clock }.AddTimeout(timeout).Build()
                : ResiliencePipeline.Empty;
            var result = await pipeline.ExecuteAsync(async token => await task.Operator.ExecuteAsync(context, token), CancellationToken.None);
            if (result is not null) await XComs.PushAsync(key, XComStore.ReturnValueKey, result);
        }
        catch (Exception e)
        {
            error = e;
        }
        if (error is RescheduleException reschedule)
        {
            // Not a failure: the same try pokes again later, and no slot is held while it waits.
            await Store.TransitionAsync(key, TaskState.Running, TaskState.UpForReschedule, Clock.GetUtcNow(), nextTryAt: reschedule.RescheduleAt, giveBackTry: true);
            log.Info("up for reschedule", new() { ["next_poke_at"] = reschedule.RescheduleAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
            return;
        }
        // A TaskFailedException (a sensor out of time, a failure a retry would repeat) spends the tries that are left.
        await FinishTryAsync(task, run, key, tryNumber, error is TaskFailedException ? tryNumber : maxTries, started, error, log);
    }

    private async Task FinishTryAsync(DagTask task, DagRunInfo run, TaskInstanceKey key, int tryNumber, int maxTries, DateTimeOffset started, Exception? error, TaskLog log)
    {
        var now = Clock.GetUtcNow();
        var seconds = (now - started).TotalSeconds;
        #region Exercise 2.3-1d: record the try's outcome: success, or up_for_retry with its backoff while tries remain, else failed; with the retry and failure alerts (tests: DagExecutionTests, RetryTests, AlertingTests)
        if (error is null)
        {
            await Store.TransitionAsync(key, TaskState.Running, TaskState.Success, now, duration: seconds);
            Metrics.TaskDuration.WithLabels(key.DagId, key.TaskId, "success").Observe(seconds);
            log.Info("try succeeded", new() { ["duration_s"] = seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) });
            return;
        }
        Metrics.TaskFailures.WithLabels(key.DagId, key.TaskId).Inc();
        Metrics.TaskDuration.WithLabels(key.DagId, key.TaskId, "failed").Observe(seconds);
        log.Error("try failed", new() { ["error"] = error.GetType().Name + ": " + error.Message });
        if (tryNumber < maxTries)
        {
            var next = now + RetryBackoff.Delay(task.Options, tryNumber);
            await Store.TransitionAsync(key, TaskState.Running, TaskState.UpForRetry, now, nextTryAt: next, duration: seconds);
            log.Info("up for retry", new() { ["next_try_at"] = next.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
            await AlertAsync("retry", key, run, tryNumber, error.Message, log);
        }
        else
        {
            await Store.TransitionAsync(key, TaskState.Running, TaskState.Failed, now, duration: seconds);
            await AlertAsync("failure", key, run, tryNumber, error.Message, log);
        }
        #endregion
    }

    private async Task CheckSlasAsync(Dag dag, DagRunInfo run, IReadOnlyList<TaskInstanceInfo> instances, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var taskId in SlaCheck.Missed(dag, run, instances, now))
        {
            var key = new TaskInstanceKey(dag.DagId, run.RunId, taskId);
            if (!await Store.RecordSlaMissAsync(key, now, cancellationToken)) continue;
            Metrics.SlaMisses.WithLabels(dag.DagId, taskId).Inc();
            await AlertAsync("sla_miss", key, run, instances.Where(t => t.Key.TaskId == taskId).Max(t => t.TryNumber),
                $"'{taskId}' had not succeeded {dag[taskId].Options.Sla} after its data interval ended ({run.DataIntervalEnd:O})", null);
        }
    }

    private async Task AlertAsync(string evt, TaskInstanceKey key, DagRunInfo run, int tryNumber, string message, TaskLog? log)
    {
        if (_options.Alerts is null) return;
        var alert = new Alert(evt, key.DagId, key.RunId, key.TaskId, key.MapIndex, tryNumber, run.LogicalDate, Clock.GetUtcNow(), message);
        try
        {
            await _options.Alerts.SendAsync(alert, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // An alert that cannot be delivered must not change the task's outcome; the try's log says it was lost.
            log?.Error("alert not delivered", new() { ["event"] = evt, ["error"] = e.Message });
        }
    }

    /// <summary><c>tasks test</c>: one try of one task for a logical date, ignoring its dependencies and recording no task
    /// state (its XComs go to a run id of its own); returns the value or the error, and the log file.</summary>
    public async Task<(object? Result, Exception? Error, string LogPath)> TestTaskAsync(string dagId, string taskId, DateTimeOffset logicalDate, CancellationToken cancellationToken = default)
    {
        var dag = Dag(dagId);
        var task = dag[taskId];
        var interval = dag.Cron is null ? new DataInterval(logicalDate, logicalDate) : DataIntervals.StartingAt(dag.Cron, logicalDate) ?? new DataInterval(logicalDate, logicalDate);
        var run = new DagRunInfo(dagId, $"test__{logicalDate:yyyy-MM-ddTHH:mm:sszzz}", "test", interval.Start, interval.Start, interval.End, "running", Clock.GetUtcNow(), null, null);
        var key = new TaskInstanceKey(dagId, run.RunId, taskId);
        var log = new TaskLog(_options.LogDirectory, key, 1, Clock);
        var context = new TaskContext(key, run, 1, null, Clock, new XComAccess(XComs, key), log);
        try
        {
            var result = await task.Operator.ExecuteAsync(context, cancellationToken);
            log.Info("test succeeded");
            return (result, null, log.Path);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Error("test failed", new() { ["error"] = e.Message });
            return (null, e, log.Path);
        }
    }
}
