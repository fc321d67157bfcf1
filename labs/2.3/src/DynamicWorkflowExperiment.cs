using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Orchestration.Config;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Orchestration.XComs;

namespace StatelessMind.Labs.Orchestration;

/// <summary>
/// 2.3-3: DAGs generated from the YAML configs of dags/configs; a map-reduce DAG whose square task is expanded over the
/// list an upstream task returned, with the values checked through the graph for several concurrent runs; the XCom size
/// limit; and the planted bug that pulls XComs from the wrong run.
/// </summary>
public sealed class DynamicWorkflowExperiment : IExperiment
{
    public const string MappedInstances = "mapped task instances";
    public const string WrongTotals = "runs whose reduce saw another run's values";

    public string GoalId => "2.3-3";
    public string Title => "Dynamic DAGs from YAML, dynamic task mapping and XComs";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var logs = Path.Combine(context.OutputDirectory.FullName, "logs");

        var configs = Path.Combine(Path.GetDirectoryName(typeof(YamlDagFactory).Assembly.Location)!, "dags", "configs");
        var generated = new YamlDagFactory("Host=unused").LoadDirectory(configs);
        var files = Directory.GetFiles(configs, "*.yaml").Length;
        finding.Check(generated.Count == files && files >= 2, $"one DAG per YAML config ({generated.Count} DAGs from {files} files: {string.Join(", ", generated.Select(d => d.DagId))})");

        var runs = context.Size(3, 8);
        var good = await MapReduceScenarioAsync(server, runs, OrchestrationBug.None, logs, cancellationToken);
        var bad = await MapReduceScenarioAsync(server, runs, OrchestrationBug.XComFromWrongRun, logs, cancellationToken);
        finding.Figure(MappedInstances, good.MappedInstances, "", key: true).Figure(WrongTotals, good.WrongTotals, "", key: true);
        finding.Check(good.MappedInstances == good.ExpectedInstances, $"square was expanded into one instance per element ({good.MappedInstances} of {good.ExpectedInstances} over {runs} runs)");
        finding.Check(good.WrongTotals == 0, $"every run's total is the sum of the squares of its own list ({good.WrongTotals} wrong of {runs})");
        finding.Check(bad.WrongTotals > 0, $"the planted bug that pulls XComs from the wrong run is caught ({bad.WrongTotals} wrong total(s) of {runs})");
        finding.Check(good.TooLargeMessage.Contains("over the limit", StringComparison.Ordinal), $"an XCom over the size limit fails its task with a clear error: {good.TooLargeMessage}");
        return finding.Build($"{generated.Count} DAGs generated from YAML; {runs} concurrent runs of a map-reduce DAG with mapped tasks and XComs in PostgreSQL");
    }

    internal sealed record MapReduceOutcome(int MappedInstances, int ExpectedInstances, int WrongTotals, string TooLargeMessage);

    /// <summary>make_numbers returns [1..k] (k differs per run) >> square (mapped) >> total (reduce); plus a task whose XCom is too large.</summary>
    public static Dag MapReduceDag(int xcomBytes = 0)
    {
        var dag = new Dag("mapped_sum");
        var make = dag.Task("make_numbers", new DelegateOperator((c, _) => Task.FromResult<object?>(Enumerable.Range(1, 2 + c.Run.LogicalDate.Day).ToList())));
        var square = dag.Task("square", new DelegateOperator((c, _) =>
        {
            var x = ((System.Text.Json.JsonElement)c.MapItem!).GetInt32();
            return Task.FromResult<object?>(x * x);
        }), new TaskOptions { ExpandFrom = "make_numbers" });
        var total = dag.Task("total", new DelegateOperator(async (c, t) => (await c.XCom.PullMappedAsync<int>("square", cancellationToken: t)).Sum()));
        _ = make >> square >> total;
        if (xcomBytes > 0) dag.Task("too_large", new DelegateOperator((_, _) => Task.FromResult<object?>(new string('x', xcomBytes))));
        return dag;
    }

    internal static async Task<MapReduceOutcome> MapReduceScenarioAsync(StatelessMind.Harness.Services.PostgresServer server, int runs, OrchestrationBug bug, string logs, CancellationToken cancellationToken)
    {
        var connection = await server.CreateDatabaseAsync("orch_map", cancellationToken);
        await using var db = NpgsqlDataSource.Create(connection);
        var scheduler = new Scheduler(db, new SchedulerOptions { LogDirectory = logs, Bug = bug, XComMaxBytes = 4096 });
        var dag = MapReduceDag(xcomBytes: 8192);
        scheduler.Register(dag);
        await scheduler.StartAsync(cancellationToken);
        var created = new List<DagRunInfo>();
        for (var i = 1; i <= runs; i++) created.Add(await scheduler.TriggerAsync(dag.DagId, new DateTimeOffset(2026, 5, i, 0, 0, 0, TimeSpan.Zero), cancellationToken));
        await scheduler.RunUntilIdleAsync(cancellationToken: cancellationToken);
        var mapped = 0;
        var expectedInstances = 0;
        var wrong = 0;
        foreach (var run in created)
        {
            var k = 2 + run.LogicalDate.Day;
            expectedInstances += k;
            mapped += (await scheduler.Store.TaskInstancesAsync(dag.DagId, run.RunId, cancellationToken)).Count(t => t.Key.TaskId == "square" && t.Key.MapIndex >= 0 && t.State == TaskState.Success);
            var expected = Enumerable.Range(1, k).Sum(x => x * x);
            var rows = await new XComStore(db).ReadAsync(dag.DagId, run.RunId, "total", XComStore.ReturnValueKey, cancellationToken);
            if (rows.Count != 1 || rows[0].Json != expected.ToString(System.Globalization.CultureInfo.InvariantCulture)) wrong++;
        }
        var log = TaskLog.PathFor(logs, new TaskInstanceKey(dag.DagId, created[0].RunId, "too_large"), 1);
        var message = File.Exists(log) ? TaskLog.Read(log).LastOrDefault(r => r.ContainsKey("error"))?["error"] ?? "" : "";
        return new MapReduceOutcome(mapped, expectedInstances, wrong, message);
    }
}
