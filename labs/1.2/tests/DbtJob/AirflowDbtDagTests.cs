using System.Diagnostics;
using System.Text.Json;
using StatelessMind.Labs.Lifecycle.DbtJob;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The Airflow DAG file of the dbt job (labs/2.3/dags/dbt_retail_dag.py) compiles, and its task graph — read from
/// the source by airflow_dag_graph.py, since Airflow does not run here — has the tasks, order, trigger rules, sensor
/// settings and retries the job is meant to have.</summary>
[Goal("1.2-5")]
public sealed class AirflowDbtDagTests(ITestOutputHelper output)
{
    private static readonly string DagFile = Path.Combine(AppContext.BaseDirectory, "dags", "dbt_retail_dag.py");
    private static readonly string Extractor = Path.Combine(AppContext.BaseDirectory, "DbtJob", "airflow_dag_graph.py");

    /// <summary>The C# job's DAG, which the Airflow file must equal task for task.</summary>
    private static readonly Orchestration.Dags.Dag CSharpDag = DbtJobDag.Create(DbtJobDagTests.Options());

    /// <summary>Upstream, downstream: the chain, and every task feeding the watcher.</summary>
    public static readonly IReadOnlySet<(string Up, string Down)> ExpectedEdges =
        CSharpDag.Tasks.SelectMany(t => t.Downstream.Select(d => (t.TaskId, d))).ToHashSet();

    public static readonly IReadOnlyDictionary<string, string> ExpectedTriggerRules = CSharpDag.Tasks.ToDictionary(t => t.TaskId, t => t.Options.TriggerRule switch
    {
        Orchestration.Dags.TriggerRule.AllSuccess => "all_success",
        Orchestration.Dags.TriggerRule.AllDone => "all_done",
        Orchestration.Dags.TriggerRule.OneFailed => "one_failed",
        var other => throw new InvalidOperationException($"no Airflow name for trigger rule {other}"),
    });

    private static readonly Orchestration.Operators.SqlSensor CSharpSensor = (Orchestration.Operators.SqlSensor)CSharpDag[DbtJobDag.Sensor].Operator;

    public static readonly (string Mode, double PokeIntervalSeconds, double TimeoutSeconds) ExpectedSensor =
        ("reschedule", CSharpSensor.PokeInterval.TotalSeconds, CSharpSensor.Timeout.TotalSeconds);

    public static readonly int ExpectedBuildRetries = CSharpDag[DbtJobDag.Build].Options.Retries;

    [Fact]
    public async Task The_dag_file_compiles()
    {
        var (exitCode, _, errors) = await RunPythonAsync("-m", "py_compile", DagFile);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task The_dag_files_graph_has_the_jobs_order_trigger_rules_sensor_and_retries()
    {
        var (exitCode, json, errors) = await RunPythonAsync(Extractor, DagFile);
        Assert.True(exitCode == 0, errors);
        using var graph = JsonDocument.Parse(json);
        var root = graph.RootElement;
        Assert.Equal(DbtJobDag.DagId, root.GetProperty("dag_id").GetString());
        Assert.Equal(DbtJobDag.Schedule, root.GetProperty("schedule").GetString());
        Assert.Contains(SourceLoads.FreshnessSql(DbtJobBug.None), await File.ReadAllTextAsync(DagFile), StringComparison.Ordinal);

        var edges = root.GetProperty("edges").EnumerateArray().Select(e => (e[0].GetString()!, e[1].GetString()!)).ToList();
        output.WriteLine($"edges: {string.Join(", ", edges.Select(e => $"{e.Item1} >> {e.Item2}"))}");
        Assert.Equal(edges.Count, edges.Distinct().Count());
        Assert.True(ExpectedEdges.SetEquals(edges),
            $"missing: [{string.Join(", ", ExpectedEdges.Except(edges))}]; unexpected: [{string.Join(", ", edges.Except(ExpectedEdges))}]");

        var tasks = root.GetProperty("tasks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(ExpectedTriggerRules.Keys.Order(StringComparer.Ordinal), tasks.Keys.Order(StringComparer.Ordinal));
        foreach (var (taskId, rule) in ExpectedTriggerRules)
        {
            output.WriteLine($"{taskId}: {JsonSerializer.Serialize(tasks[taskId])}");
            Assert.True(rule == tasks[taskId].GetProperty("trigger_rule").GetString(), $"{taskId}'s trigger rule");
        }

        var sensor = tasks["wait_for_source"];
        Assert.Equal("SqlSensor", sensor.GetProperty("operator").GetString());
        Assert.Equal(ExpectedSensor.Mode, sensor.GetProperty("mode").GetString());
        Assert.Equal(ExpectedSensor.PokeIntervalSeconds, sensor.GetProperty("poke_interval").GetDouble());
        Assert.Equal(ExpectedSensor.TimeoutSeconds, sensor.GetProperty("timeout").GetDouble());
        Assert.Equal(ExpectedBuildRetries, tasks["dbt_build"].GetProperty("retries").GetInt32());
    }

    [Fact]
    public async Task The_extractor_refuses_an_edge_to_a_name_that_is_no_task()
    {
        var bad = Path.Combine(Directory.CreateTempSubdirectory("sm-bad-dag-").FullName, "bad_dag.py");
        try
        {
            await File.WriteAllTextAsync(bad, """
                import pendulum
                from airflow import DAG
                from airflow.operators.bash import BashOperator

                with DAG(dag_id="bad", schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC")) as dag:
                    first = BashOperator(task_id="first", bash_command="true")
                    second = BashOperator(task_id="second", bash_command="true")
                    first >> [second, third]
                """);
            var (exitCode, json, errors) = await RunPythonAsync(Extractor, bad);
            output.WriteLine(errors);
            Assert.Equal(1, exitCode);
            Assert.Equal("", json);
            Assert.Contains("third", errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(bad)!, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunPythonAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
