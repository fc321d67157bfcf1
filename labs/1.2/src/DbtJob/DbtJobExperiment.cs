using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// 1.2-5: lab 2.2's dbt project run as a scheduled job of lab 2.3's orchestrator on PostgreSQL, for four days on a manual
/// clock: a day whose sources land late (the sensor waits), a day when a report holds a lock the build needs (a retry
/// cures it), a day whose data breaks a test (the job fails at once and alerts), and a day whose sources never land (the
/// sensor times out). The task order and outcomes come from the orchestrator's own records (task_instance, task_event),
/// the alerts from a local webhook, the published results from the warehouse. Each planted bug must be caught.
/// </summary>
public sealed class DbtJobExperiment : IExperiment
{
    public const string OrderViolations = "starts out of the job's order";
    public const string BuildTriesAfterLock = "build tries on the day of the lock";
    public const string TestsPublished = "data test results published per run";

    public string GoalId => "1.2-5";
    public string Title => "A dbt job orchestrated as a DAG: sensor, seed → snapshot → build, retries, published test results, failure alerts";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orders = context.Size(500, 5_000);
        var b = new FindingBuilder(GoalId, Title);
        var postgres = await context.Services.PostgresAsync(cancellationToken);
        var work = Path.Combine(context.OutputDirectory.FullName, "dbt-job");

        async Task<DbtJobEnvironment> EnvironmentAsync(string name, DbtJobBug bug) => await DbtJobEnvironment.CreateAsync(
            await postgres.CreateDatabaseAsync(name + "_state", cancellationToken), await postgres.CreateDatabaseAsync(name + "_wh", cancellationToken),
            Path.Combine(work, name), bug, cancellationToken);

        var days = new List<(string Name, DbtJobDay Day)>();
        await using (var job = await EnvironmentAsync("job", DbtJobBug.None))
        {
            context.Report(0.05, $"day 1: the sources land after two pokes ({orders:N0} orders)");
            var through = job.IntervalEnd;
            var day1 = await job.RunDayAsync(async (task, waits) =>
            {
                if (task == DbtJobDag.Sensor && waits == 2) await job.LandAsync(through, orders, cancellationToken: cancellationToken);
            }, cancellationToken);
            days.Add(("late sources", day1));
            b.Check(day1.State == "success" && day1.Pokes == 3 && day1.Tasks[DbtJobDag.Build] == new TaskOutcome(TaskState.Success, 1),
                $"day 1: the sensor waited for the late sources ({day1.Pokes} pokes, the third after they landed), then seed, snapshot and build ran and the run is {day1.State}");
            b.Check(day1.Published is { Failed: 0, Errored: 0 } p1 && p1.Tests > 0 && p1.Passed == p1.Tests,
                $"day 1: every data test passed and was published ({day1.Published?.Passed} of {day1.Published?.Tests})");

            context.Report(0.3, "day 2: a report holds a lock the build needs");
            job.NextDay();
            await job.LandAsync(job.IntervalEnd, orders + orders / 10, cancellationToken: cancellationToken);
            var (reportConnection, report) = await job.HoldReadLockAsync("analytics_marts.fct_sales", cancellationToken);
            var day2 = await job.RunDayAsync(async (task, _) =>
            {
                if (task == DbtJobDag.Build && report.Connection is not null) await report.CommitAsync(cancellationToken);
            }, cancellationToken);
            await reportConnection.DisposeAsync();
            days.Add(("lock, then retry", day2));
            b.Figure(BuildTriesAfterLock, day2.Tasks[DbtJobDag.Build].Tries, "tries", key: true);
            var retryAlerts = day2.AlertsOf("retry", DbtJobDag.Build);
            b.Check(day2.State == "success" && day2.Tasks[DbtJobDag.Build] == new TaskOutcome(TaskState.Success, 2) && retryAlerts.Count == 1
                    && retryAlerts[0].GetProperty("message").GetString()!.Contains("lock timeout", StringComparison.Ordinal),
                $"day 2: the build's first try failed on the lock ({DbtJobEnvironment.LockTimeout.TotalSeconds:0} s lock_timeout), one retry alert was sent, and the retry a minute later succeeded ({day2.Tasks[DbtJobDag.Build].Tries} tries, run {day2.State}); the alert: {(retryAlerts.Count > 0 ? retryAlerts[0].GetProperty("message").GetString() : "none")}");

            context.Report(0.5, "day 3: the data breaks a test");
            job.NextDay();
            await job.LandAsync(job.IntervalEnd, orders + orders / 5, newSegment: true, cancellationToken);
            var day3 = await job.RunDayAsync(cancellationToken: cancellationToken);
            days.Add(("failing test", day3));
            var buildAlert = day3.AlertsOf("failure", DbtJobDag.Build);
            var rows = await job.PublishedRowsAsync(day3.RunId, cancellationToken);
            b.Check(day3.State == "failed" && day3.Tasks[DbtJobDag.Build] == new TaskOutcome(TaskState.Failed, 1) && day3.AlertsOf("retry", DbtJobDag.Build).Count == 0,
                $"day 3: the failing test failed the build on its first try without a retry (tries {day3.Tasks[DbtJobDag.Build].Tries} of {1 + job.Options.BuildRetries}) and the run is {day3.State}");
            b.Check(buildAlert.Count == 1 && buildAlert[0].GetProperty("message").GetString()!.Contains("accepted_values_dim_customer_segment", StringComparison.Ordinal),
                $"day 3: the failure alert reached the webhook and names the failing test: {(buildAlert.Count > 0 ? buildAlert[0].GetProperty("message").GetString() : "none")}");
            b.Check(day3.Published is { Failed: 1 } && rows.Count(r => r.Status == "fail") == 1 && rows.Count == day3.Published.Tests,
                $"day 3: the results were published anyway (all_done): {rows.Count} rows in the warehouse, {rows.Count(r => r.Status == "fail")} failing, {day3.Published?.Skipped} skipped; JUnit {Path.GetFileName(day3.Published?.JUnitPath)}");

            context.Report(0.65, "day 4: the sources never land");
            job.NextDay();
            var day4 = await job.RunDayAsync(cancellationToken: cancellationToken);
            days.Add(("no sources", day4));
            var expectedPokes = (int)(job.Options.SensorTimeout / job.Options.PokeInterval) + 1;
            b.Check(day4.State == "failed" && day4.Tasks[DbtJobDag.Sensor] == new TaskOutcome(TaskState.Failed, 1) && day4.Pokes == expectedPokes && !day4.DbtRan
                    && day4.AlertsOf("failure", DbtJobDag.Sensor).Count == 1,
                $"day 4: the sensor timed out after {day4.Pokes} pokes (expected {expectedPokes}: every {job.Options.PokeInterval.TotalMinutes:0} min for {job.Options.SensorTimeout.TotalHours:0} h), no dbt task ran, one failure alert, run {day4.State}");

            var violations = days.Sum(d => d.Day.OrderViolations.Count);
            b.Figure(OrderViolations, violations, "", key: true);
            b.Check(violations == 0, $"in every run each of {string.Join(" → ", DbtJobDag.RequiredOrder)} started only after the one before it finished ({violations} violations)");
            b.Check(days.All(d => d.Day.Tasks[DbtJobDag.Publish].State == TaskState.Success) && days.All(d => (d.Day.State == "failed") == (d.Day.Tasks[DbtJobDag.Watcher].State == TaskState.Failed)),
                "the publish task ran in every run (all_done) and the watcher failed exactly the runs in which a task failed");
            b.Figure(TestsPublished, day1.Published?.Tests ?? 0, "tests", key: true);
            b.Figure("sensor pokes until the timeout", day4.Pokes, "pokes");
            b.Table(FindingTable.Of("The four runs: task outcomes (state/tries) as the orchestrator recorded them",
                ["day", "run", .. DbtJobDag.RequiredOrder, DbtJobDag.Watcher, "alerts"],
                [.. days.Select(d => (IReadOnlyList<object>)[d.Name, d.Day.State, .. DbtJobDag.RequiredOrder.Append(DbtJobDag.Watcher).Select(t => (object)Outcome(d.Day, t)),
                    string.Join(", ", d.Day.Alerts.Select(a => $"{a.GetProperty("event").GetString()}:{a.GetProperty("task_id").GetString()}"))])]));
            b.Plot(context.SavePlot(DbtJobTimeline.Plot(days), "dbt-job-runs.png",
                "Every state change of the four runs on the clock: the sensor's pokes on days 1 and 4, the build's retry on day 2, the failures on days 3 and 4", 1000, 560));
            b.Table(FindingTable.Of("Day 2 in order: every state change of the run (task_event)",
                ["#", "task", "try", "change", "clock"],
                [.. day2.Events.Select((e, i) => (IReadOnlyList<object>)[i + 1, e.Key.TaskId, e.TryNumber, $"{TaskStates.Name(e.From)} → {TaskStates.Name(e.To)}",
                    e.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)])]));
        }

        context.Report(0.75, "planted bugs");
        await using (var stale = await EnvironmentAsync("bug_stale", DbtJobBug.SensorAcceptsStaleData))
        {
            // Only yesterday's load is there: loaded through the start of the run's interval, not its end.
            var firstIntervalStart = stale.IntervalEnd.AddDays(-1);
            await stale.LandAsync(firstIntervalStart, orders, cancellationToken: cancellationToken);
            var day = await stale.RunDayAsync(cancellationToken: cancellationToken);
            b.Check(day.DbtRan, $"planted bug {DbtJobBug.SensorAcceptsStaleData} is caught: with only yesterday's load, dbt ran (sensor {TaskStates.Name(day.Tasks[DbtJobDag.Sensor].State)} after {day.Pokes} poke(s)) where the job must wait and time out");
        }
        await using (var order = await EnvironmentAsync("bug_order", DbtJobBug.BuildBeforeSnapshot))
        {
            await order.LandAsync(order.IntervalEnd, orders, cancellationToken: cancellationToken);
            var day = await order.RunDayAsync(cancellationToken: cancellationToken);
            b.Check(day.OrderViolations.Count > 0, $"planted bug {DbtJobBug.BuildBeforeSnapshot} is caught by the order audit: {string.Join("; ", day.OrderViolations)}");
        }
        await using (var retried = await EnvironmentAsync("bug_retry", DbtJobBug.TestFailuresRetried))
        {
            await retried.LandAsync(retried.IntervalEnd, orders, newSegment: true, cancellationToken);
            var day = await retried.RunDayAsync(cancellationToken: cancellationToken);
            b.Check(day.Tasks[DbtJobDag.Build].Tries > 1 || day.AlertsOf("retry", DbtJobDag.Build).Count > 0,
                $"planted bug {DbtJobBug.TestFailuresRetried} is caught: the failing test was tried {day.Tasks[DbtJobDag.Build].Tries} times with {day.AlertsOf("retry", DbtJobDag.Build).Count} retry alerts before the failure");
        }
        b.Note("the logs of every try (in Airflow's log tree), dbt's run_results.json of each dbt task and the published JUnit files are in dbt-job/ " +
               "beside the run's report in artifacts/reports/1.2-5 (make publish copies the report, its figures and its plot, not them)");
        return b.Build($"four daily runs of the dbt job ({orders:N0} orders) on a manual clock on PostgreSQL, and three planted bugs");
    }

    private static string Outcome(DbtJobDay day, string task) =>
        day.Tasks.TryGetValue(task, out var o) ? $"{TaskStates.Name(o.State)}/{o.Tries}" : "—";
}
