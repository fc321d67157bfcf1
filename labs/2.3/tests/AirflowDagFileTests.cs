using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Orchestration.Tests;

/// <summary>The Airflow DAG files compile as Python, and their task graphs (parsed from the source) are the ones the lab
/// describes. Airflow itself does not run here.</summary>
[Goal("2.3-1")]
public sealed partial class AirflowDagFileTests
{
    private static readonly string Dags = Path.Combine(AppContext.BaseDirectory, "dags");

    [Fact]
    public async Task The_dag_files_compile()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", "py_compile", "pipeline_dag.py", "scheduled_dag.py", "dynamic_dags.py", "dbt_retail_dag.py", "webhook_alerts.py" }) start.ArgumentList.Add(a);
        start.WorkingDirectory = Dags;
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public async Task The_dags_webhook_alerts_carry_the_fields_of_the_orchestrators_alerts()
    {
        await using var listener = new Alerts.WebhookListener();
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Dags };
        start.Environment["ALERT_WEBHOOK_URL"] = listener.Endpoint.ToString();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import datetime, webhook_alerts; webhook_alerts.post_alert('failure', 'dbt_retail_daily', 'scheduled__2026-03-01T04:00:00+00:00', " +
                               "'dbt_build', -1, 1, datetime.datetime(2026, 3, 1, 4, tzinfo=datetime.timezone.utc), 'dbt build: 1 data test(s) failed')");
        using (var process = Process.Start(start)!)
        {
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
        }

        var body = Assert.Single(listener.Received);
        var policy = Alerts.WebhookAlertSink.Json.PropertyNamingPolicy!;
        Assert.Equal(typeof(Alerts.Alert).GetProperties().Select(p => policy.ConvertName(p.Name)).Order(StringComparer.Ordinal),
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("failure", "dbt_build", 1), (body.GetProperty("event").GetString(), body.GetProperty("task_id").GetString(), body.GetProperty("try_number").GetInt32()));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 4, 0, 0, TimeSpan.Zero), body.GetProperty("logical_date").GetDateTimeOffset());
    }

    [Fact]
    public void The_pipeline_dag_has_the_csharp_dags_graph()
    {
        var source = File.ReadAllText(Path.Combine(Dags, "pipeline_dag.py"));
        var variables = TaskVariable().Matches(source).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in Edge().Matches(source))
        {
            foreach (var up in m.Groups[1].Value.Trim('[', ']').Split(','))
            foreach (var down in m.Groups[2].Value.Trim('[', ']').Split(','))
                edges.Add($"{variables[up.Trim()]}>>{variables[down.Trim()]}");
        }
        var dag = DagExecutionExperiment.RetailDag("Host=unused");
        var expected = new SortedSet<string>(dag.Tasks.SelectMany(t => t.Downstream.Select(d => $"{t.TaskId}>>{d}")), StringComparer.Ordinal);
        Assert.Equal(expected, edges);
        Assert.Contains("trigger_rule=TriggerRule.ALL_DONE", source, StringComparison.Ordinal);
        Assert.Contains("trigger_rule=TriggerRule.ONE_FAILED", source, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(\w+)\s*=\s*BashOperator\(\s*task_id=""(\w+)""", RegexOptions.Multiline)]
    private static partial Regex TaskVariable();

    [GeneratedRegex(@"^\s*(\[[\w, ]+\]|\w+)\s*>>\s*(\[[\w, ]+\]|\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
