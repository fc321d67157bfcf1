using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Orchestration.Alerts;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration;

/// <summary>
/// 2.3-2: an hourly DAG caught up over a span of hours on a manual clock, under max_active_runs = 2: every interval gets
/// exactly one run; a flaky task is retried with exponential backoff; an SLA is missed; alerts reach a webhook; logs and
/// metrics are written. The catchup bug must be caught.
/// </summary>
public sealed class SchedulingExperiment : IExperiment
{
    public const string Intervals = "intervals caught up";
    public const string PeakActiveRuns = "peak running runs";
    public const string AlertsPosted = "alerts posted to the webhook";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public string GoalId => "2.3-2";
    public string Title => "A cron schedule with catchup, retries with backoff, SLA misses, alerts, logs and metrics";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var hours = context.Size(4, 24);
        var outcome = await RunScenarioAsync(server, hours, OrchestrationBug.None, Path.Combine(context.OutputDirectory.FullName, "logs"), cancellationToken);
        var buggy = await RunScenarioAsync(server, 4, OrchestrationBug.CatchupSkipsInterval, Path.Combine(context.OutputDirectory.FullName, "logs-bug"), cancellationToken);

        finding.Figure(Intervals, outcome.LogicalDates.Count, "", key: true).Figure(PeakActiveRuns, outcome.PeakRunning, "")
            .Figure(AlertsPosted, outcome.Alerts.Count, "", key: true).Figure("scheduler lag (last run)", outcome.LagSeconds, "s");
        // The clock moves on while the runs catch up, so intervals that ended meanwhile are due too.
        hours = outcome.EndedIntervals;
        var expected = Enumerable.Range(0, hours).Select(h => Start.AddHours(h)).ToList();
        finding.Check(outcome.LogicalDates.SequenceEqual(expected), $"catchup created one run per hourly interval, none skipped or doubled ({outcome.LogicalDates.Count} of {hours})");
        finding.Check(outcome.PeakRunning == 2, $"at most max_active_runs = 2 runs ran at once (peak {outcome.PeakRunning})");
        finding.Check(outcome.AllSucceeded, "every run succeeded after its retries");
        finding.Check(outcome.RetryDelays.All(d => d.SequenceEqual([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)])),
            $"the flaky task waited 1 min, then 2 min between tries (exponential backoff) in every run: {string.Join(" ", outcome.RetryDelays.Select(d => string.Join("/", d.Select(x => x.TotalMinutes))))}");
        var retries = outcome.Alerts.Count(a => a.GetProperty("event").GetString() == "retry");
        var slas = outcome.Alerts.Count(a => a.GetProperty("event").GetString() == "sla_miss");
        finding.Check(retries == 2 * hours, $"an on_retry alert per retry reached the webhook ({retries} of {2 * hours})");
        finding.Check(slas == hours, $"one sla_miss alert per run for the task that finished after its SLA ({slas} of {hours})");
        finding.Check(outcome.LogFiles == 3 * hours + 2 * hours, $"one log file per task try ({outcome.LogFiles} of {5 * hours})");
        finding.Check(outcome.MetricsText.Contains("orchestrator_task_failures_total", StringComparison.Ordinal) && outcome.MetricsText.Contains("orchestrator_task_duration_seconds_count", StringComparison.Ordinal),
            "the Prometheus exposition holds task durations and failures");
        finding.Check(outcome.TimedOut, "a try that hangs is cancelled by its timeout and fails, with a failure alert");
        var missing = Enumerable.Range(0, buggy.EndedIntervals).Select(h => Start.AddHours(h)).Except(buggy.LogicalDates).Count();
        finding.Check(missing > 0, $"the planted bug that skips catchup intervals is caught ({missing} interval(s) without a run)");
        return finding.Build($"{hours} hourly intervals caught up on a manual clock under max_active_runs = 2, with a flaky task, an SLA and a hanging task");
    }

    internal sealed record Outcome(
        IReadOnlyList<DateTimeOffset> LogicalDates, int PeakRunning, bool AllSucceeded, IReadOnlyList<IReadOnlyList<TimeSpan>> RetryDelays,
        IReadOnlyList<System.Text.Json.JsonElement> Alerts, int LogFiles, string MetricsText, double LagSeconds, bool TimedOut, int EndedIntervals);

    public static Dag HourlyDag() => new("hourly_ingest", new DagOptions { Schedule = "0 * * * *", StartDate = Start, Catchup = true, MaxActiveRuns = 2 });

    internal static async Task<Outcome> RunScenarioAsync(StatelessMind.Harness.Services.PostgresServer server, int hours, OrchestrationBug bug, string logs, CancellationToken cancellationToken)
    {
        var connection = await server.CreateDatabaseAsync("orch_sched", cancellationToken);
        await using var db = NpgsqlDataSource.Create(connection);
        var clock = new ManualClock(Start.AddHours(hours));
        await using var webhook = new WebhookListener();
        using var http = new HttpClient();
        var scheduler = new Scheduler(db, new SchedulerOptions { Clock = clock, LogDirectory = logs, Bug = bug, Alerts = new WebhookAlertSink(http, webhook.Endpoint) });
        var dag = HourlyDag();
        var ingest = dag.Task("ingest", DelegateTasks.Work(TimeSpan.Zero));
        var transform = dag.Task("transform", DelegateTasks.FailFirst(2), new TaskOptions { Retries = 3, RetryDelay = TimeSpan.FromMinutes(1) });
        var publish = dag.Task("publish", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { Sla = TimeSpan.FromMinutes(2) });
        _ = ingest >> transform >> publish;
        scheduler.Register(dag);
        await scheduler.StartAsync(cancellationToken);

        var peak = 0;
        var idle = false;
        for (var minute = 0; minute < 12 * hours; minute++)
        {
            await scheduler.TickAsync(cancellationToken);
            await scheduler.DrainAsync();
            peak = Math.Max(peak, (await scheduler.Store.RunsAsync(dag.DagId, ["running"], cancellationToken)).Count);
            // Finished runs are closed in one tick and new ones created in the next: stop after two idle ticks in a row.
            var active = (await scheduler.Store.RunsAsync(dag.DagId, ["queued", "running"], cancellationToken)).Count;
            if (active == 0 && idle) break;
            idle = active == 0;
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var runs = await scheduler.Store.RunsAsync(dag.DagId, null, cancellationToken);
        var ended = (int)Math.Floor((clock.GetUtcNow() - Start).TotalHours);
        var delays = new List<IReadOnlyList<TimeSpan>>();
        var logFiles = 0;
        foreach (var run in runs)
        {
            var tis = await scheduler.Store.TaskInstancesAsync(dag.DagId, run.RunId, cancellationToken);
            foreach (var ti in tis) logFiles += Enumerable.Range(1, ti.TryNumber).Count(n => File.Exists(TaskLog.PathFor(logs, ti.Key, n)));
            var key = tis.Single(t => t.Key.TaskId == "transform").Key;
            var times = Enumerable.Range(1, 3).Select(n => TaskLog.PathFor(logs, key, n)).Where(File.Exists)
                .Select(p => DateTimeOffset.Parse(TaskLog.Read(p)[0]["timestamp"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            delays.Add([.. times.Zip(times.Skip(1), (x, y) => y - x)]);
        }

        // A try that hangs: its timeout (Polly, on the manual clock) cancels it.
        var hang = new Dag("hang");
        hang.Task("stuck", DelegateTasks.Hang(), new TaskOptions { Timeout = TimeSpan.FromMinutes(5) });
        scheduler.Register(hang);
        var hangRun = await scheduler.TriggerAsync("hang", cancellationToken: cancellationToken);
        await scheduler.TickAsync(cancellationToken);
        clock.Advance(TimeSpan.FromMinutes(5));
        await scheduler.DrainAsync();
        var stuck = (await scheduler.Store.TaskInstancesAsync("hang", hangRun.RunId, cancellationToken)).Single();
        var timedOut = stuck.State == TaskState.Failed && webhook.Received.Any(a => a.GetProperty("event").GetString() == "failure" && a.GetProperty("dag_id").GetString() == "hang");

        return new Outcome([.. runs.Select(r => r.LogicalDate)], peak, runs.All(r => r.State == "success"), delays,
            [.. webhook.Received.Where(a => a.GetProperty("dag_id").GetString() == dag.DagId)], logFiles, await scheduler.Metrics.ExportAsync(cancellationToken),
            scheduler.Metrics.SchedulerLag.WithLabels(dag.DagId).Value, timedOut, ended);
    }
}
