using StatelessMind.Labs.Orchestration.Alerts;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-2")]
[Collection(PostgresCollection.Name)]
public sealed class AlertingTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Retry_failure_and_sla_alerts_reach_the_webhook_and_logs_and_metrics_are_written()
    {
        await using var webhook = new WebhookListener();
        using var http = new HttpClient();
        await using var t = await TestScheduler.CreateAsync(postgres, T0.AddHours(1).AddMinutes(30),
            o => o with { Alerts = new WebhookAlertSink(http, webhook.Endpoint) });
        var dag = new Dag("alerting", new DagOptions { Schedule = "0 * * * *", StartDate = T0, Catchup = false });
        dag.Task("broken", DelegateTasks.FailFirst(int.MaxValue), new TaskOptions { Retries = 1, RetryDelay = TimeSpan.FromMinutes(1), Sla = TimeSpan.FromMinutes(5) });
        t.Scheduler.Register(dag);
        for (var i = 0; i < 3; i++)
        {
            await t.Scheduler.TickAsync();
            await t.Scheduler.DrainAsync();
            t.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var events = webhook.Received.Select(a => a.GetProperty("event").GetString()).ToList();
        Assert.Equal(["failure", "retry", "sla_miss"], events.Order(StringComparer.Ordinal));
        var failure = webhook.Received.Single(a => a.GetProperty("event").GetString() == "failure");
        Assert.Equal("alerting", failure.GetProperty("dag_id").GetString());
        Assert.Equal("scheduled__2026-04-01T00:00:00+00:00", failure.GetProperty("run_id").GetString());
        Assert.Equal("broken", failure.GetProperty("task_id").GetString());
        Assert.Equal(2, failure.GetProperty("try_number").GetInt32());
        Assert.Contains("planted failure on try 2", failure.GetProperty("message").GetString(), StringComparison.Ordinal);

        var key = new TaskInstanceKey("alerting", "scheduled__2026-04-01T00:00:00+00:00", "broken");
        var attempt2 = TaskLog.Read(TaskLog.PathFor(t.Logs, key, 2));
        Assert.All(attempt2, r => Assert.Equal("2", r["try_number"]));
        Assert.Contains(attempt2, r => r["level"] == "error" && r["event"] == "try failed");
        Assert.Contains("dag_id=alerting", TaskLog.PathFor(t.Logs, key, 2), StringComparison.Ordinal);

        var metrics = await t.Scheduler.Metrics.ExportAsync();
        Assert.Contains("orchestrator_task_failures_total{dag_id=\"alerting\",task_id=\"broken\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("orchestrator_sla_misses_total{dag_id=\"alerting\",task_id=\"broken\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("orchestrator_scheduler_lag_seconds{dag_id=\"alerting\"} 1800", metrics, StringComparison.Ordinal);
    }
}
