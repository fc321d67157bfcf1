using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Orchestration;

/// <summary>
/// 2.3-1: a DAG of a shell, a SQL, a .NET delegate and a dbt task (a build of lab 2.2's project over its retail sources)
/// with fan-out and fan-in runs on PostgreSQL; every task must start after its upstream tasks ended. Then the trigger rules after a failure, a cycle
/// rejected, and a crash mid-run resumed by a new scheduler, each also run with its planted bug.
/// </summary>
public sealed class DagExecutionExperiment : IExperiment
{
    public const string OrderViolations = "tasks started before an upstream task ended";
    public const string TasksRun = "task instances run";
    public const string CompletedRerunAfterRestart = "completed tasks run again after a restart";

    public string GoalId => "2.3-1";
    public string Title => "A DAG of shell, SQL, .NET and dbt tasks: dependency order, trigger rules, crash resume";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var logs = Path.Combine(context.OutputDirectory.FullName, "logs");

        context.Report(0.1, "running the four-operator DAG");
        var runs = context.Size(1, 3);
        var connection = await server.CreateDatabaseAsync("orch_dag", cancellationToken);
        await using (var db = NpgsqlDataSource.Create(connection))
        {
            var scheduler = new Scheduler(db, new SchedulerOptions { LogDirectory = logs });
            await ShippedProject.LoadSourcesAsync(connection, cancellationToken: cancellationToken);
            var dag = RetailDag(connection);
            scheduler.Register(dag);
            await scheduler.StartAsync(cancellationToken);
            for (var i = 0; i < runs; i++) await scheduler.TriggerAsync(dag.DagId, new DateTimeOffset(2026, 1, 1 + i, 0, 0, 0, TimeSpan.Zero), cancellationToken);
            await scheduler.RunUntilIdleAsync(cancellationToken: cancellationToken);
            var violations = 0;
            var instances = 0;
            var success = 0;
            var alertsSkipped = 0;
            var states = new List<string>();
            foreach (var run in await scheduler.Store.RunsAsync(dag.DagId, null, cancellationToken))
            {
                var tis = await scheduler.Store.TaskInstancesAsync(dag.DagId, run.RunId, cancellationToken);
                violations += OrderViolationsOf(dag, tis);
                instances += tis.Count;
                success += tis.Count(t => t.State == TaskState.Success);
                alertsSkipped += tis.Count(t => t.Key.TaskId == "alert" && t.State == TaskState.Skipped);
                states.AddRange(tis.Select(t => $"{t.Key.TaskId}={TaskStates.Name(t.State)}"));
                foreach (var bad in tis.Where(t => t.State == TaskState.Failed))
                {
                    var path = TaskLog.PathFor(logs, bad.Key, bad.TryNumber);
                    if (File.Exists(path)) finding.Note($"{bad.Key.TaskId} failed: {TaskLog.Read(path).LastOrDefault(r => r.ContainsKey("error"))?["error"]}");
                }
            }
            finding.Figure(TasksRun, instances, "", key: true).Figure(OrderViolations, violations, "", key: true);
            // The one_failed alert task is skipped when nothing failed; every other task must succeed.
            finding.Check(success == instances - runs && alertsSkipped == runs,
                $"every task of the {runs} run(s) succeeded ({success} of {instances - runs}: bash, sql, dotnet, dbt) and the one_failed alert was skipped ({alertsSkipped} of {runs}; {string.Join(" ", states.Distinct())})");
            finding.Check(violations == 0, $"every task started after all its upstream tasks ended ({violations} violations)");
        }

        context.Report(0.5, "trigger rules after a failure");
        var rules = await TriggerRuleScenarioAsync(server, OrchestrationBug.None, logs, cancellationToken);
        var rulesBug = await TriggerRuleScenarioAsync(server, OrchestrationBug.TriggerRuleIgnored, logs, cancellationToken);
        finding.Check(rules["load"] == TaskState.UpstreamFailed && rules["cleanup"] == TaskState.Success && rules["alert"] == TaskState.Success,
            $"after a failed task: load {TaskStates.Name(rules["load"])} (all_success), cleanup {TaskStates.Name(rules["cleanup"])} (all_done), alert {TaskStates.Name(rules["alert"])} (one_failed)");
        finding.Check(rulesBug["cleanup"] != TaskState.Success,
            $"the planted bug that ignores trigger rules is caught: cleanup {TaskStates.Name(rulesBug["cleanup"])}, alert {TaskStates.Name(rulesBug["alert"])}");

        context.Report(0.7, "a cycle");
        var cyclic = new Dag("cyclic");
        var a = cyclic.Task("a", DelegateTasks.Work(TimeSpan.Zero));
        var b = cyclic.Task("b", DelegateTasks.Work(TimeSpan.Zero));
        var c = cyclic.Task("c", DelegateTasks.Work(TimeSpan.Zero));
        _ = a >> b >> c >> a;
        var named = "";
        try
        {
            cyclic.TopologicalOrder();
        }
        catch (DagCycleException e)
        {
            named = string.Join(" >> ", e.Cycle);
        }
        finding.Check(named.Length > 0 && new[] { "a", "b", "c" }.All(named.Contains), $"a cyclic DAG is rejected with its cycle named: {named}");

        context.Report(0.8, "crash and resume");
        var resumed = await CrashResumeScenarioAsync(server, OrchestrationBug.None, logs, cancellationToken);
        var resumedBug = await CrashResumeScenarioAsync(server, OrchestrationBug.RestartRerunsCompletedTasks, logs, cancellationToken);
        finding.Figure(CompletedRerunAfterRestart, resumed.CompletedRerun, "", key: true);
        finding.Check(resumed.CompletedRerun == 0 && resumed.RunState == "success",
            $"a new scheduler on the same database finished the crashed run ({resumed.RunState}) without re-running a completed task ({resumed.CompletedRerun} re-runs; executions {resumed.Executions})");
        finding.Check(resumedBug.CompletedRerun > 0, $"the planted bug that resets completed tasks on restart is caught ({resumedBug.CompletedRerun} completed task(s) re-run)");
        return finding.Build($"{runs} run(s) of a DAG of bash, SQL, .NET and dbt tasks with fan-out and fan-in on PostgreSQL; trigger rules, a cycle and a crash resume, each with its planted bug");
    }

    /// <summary>The goal's DAG: extract (bash) fans out to create_schema (SQL) and a .NET task; both fan in to dbt (build); then
    /// cleanup (all_done) and alert (one_failed).</summary>
    public static Dag RetailDag(string connectionString)
    {
        // One run at a time: two runs building the same tables at once would collide.
        var dag = new Dag("retail_pipeline", new DagOptions { Description = "bash, SQL, .NET and dbt tasks", MaxActiveRuns = 1 });
        var extract = dag.Task("extract", new BashOperator("echo extracted {{ ds }}"));
        var schema = dag.Task("create_schema", new SqlOperator(connectionString, "create schema if not exists analytics; select count(*) from pg_namespace where nspname = 'analytics'"));
        var dotnet = dag.Task("dotnet_job", new DelegateOperator(async (c, t) => (await c.XCom.PullAsync<string>("extract", cancellationToken: t)).Length));
        var project = Path.Combine(Path.GetDirectoryName(typeof(DbtRunner).Assembly.Location)!, "dbt");
        // dbt build of lab 2.2's whole project: its models read the retail source tables (ShippedProject.LoadSourcesAsync).
        var dbt = dag.Task("dbt", new DbtOperator(project, new DbtRunOptions
        {
            Environment = ProfileTarget.Environment(connectionString, "analytics"),
            TargetDirectory = Path.Combine(Path.GetTempPath(), "orchestration-dbt-" + Guid.NewGuid().ToString("N")[..8]),
        }, "build"));
        var cleanup = dag.Task("cleanup", new BashOperator("echo cleanup"), new TaskOptions { TriggerRule = TriggerRule.AllDone });
        var alert = dag.Task("alert", new BashOperator("echo alert"), new TaskOptions { TriggerRule = TriggerRule.OneFailed });
        _ = extract >> TaskSet.Of(schema, dotnet) >> dbt;
        _ = dbt >> TaskSet.Of(cleanup, alert);
        return dag;
    }

    /// <summary>Task instances that started before one of their upstream task instances ended.</summary>
    public static int OrderViolationsOf(Dag dag, IReadOnlyList<TaskInstanceInfo> instances) =>
        instances.Where(t => t.StartDate is not null).Count(t => instances.Any(u =>
            dag[t.Key.TaskId].Upstream.Contains(u.Key.TaskId) && (u.EndDate is null || u.EndDate > t.StartDate)));

    internal static async Task<IReadOnlyDictionary<string, TaskState>> TriggerRuleScenarioAsync(StatelessMind.Harness.Services.PostgresServer server, OrchestrationBug bug, string logs, CancellationToken cancellationToken)
    {
        var connection = await server.CreateDatabaseAsync("orch_rules", cancellationToken);
        await using var db = NpgsqlDataSource.Create(connection);
        var scheduler = new Scheduler(db, new SchedulerOptions { LogDirectory = logs, Bug = bug });
        var dag = new Dag("rules");
        var extract = dag.Task("extract", DelegateTasks.Work(TimeSpan.Zero));
        var good = dag.Task("transform_ok", DelegateTasks.Work(TimeSpan.Zero));
        var bad = dag.Task("transform_fails", DelegateTasks.FailFirst(int.MaxValue));
        var load = dag.Task("load", DelegateTasks.Work(TimeSpan.Zero));
        var cleanup = dag.Task("cleanup", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { TriggerRule = TriggerRule.AllDone });
        var alert = dag.Task("alert", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { TriggerRule = TriggerRule.OneFailed });
        _ = extract >> TaskSet.Of(good, bad) >> load;
        _ = load >> TaskSet.Of(cleanup, alert);
        scheduler.Register(dag);
        await scheduler.StartAsync(cancellationToken);
        var run = await scheduler.TriggerAsync("rules", cancellationToken: cancellationToken);
        await scheduler.RunUntilIdleAsync(cancellationToken: cancellationToken);
        return (await scheduler.Store.TaskInstancesAsync("rules", run.RunId, cancellationToken)).ToDictionary(t => t.Key.TaskId, t => t.State);
    }

    internal sealed record CrashOutcome(int CompletedRerun, string RunState, string Executions);

    /// <summary>a &gt;&gt; b &gt;&gt; c: the first scheduler finishes a, starts b, and is dropped while b runs (it never writes
    /// again); a second scheduler on the same database resumes. Counts how often each task's operator ran.</summary>
    internal static async Task<CrashOutcome> CrashResumeScenarioAsync(StatelessMind.Harness.Services.PostgresServer server, OrchestrationBug bug, string logs, CancellationToken cancellationToken)
    {
        var connection = await server.CreateDatabaseAsync("orch_crash", cancellationToken);
        await using var db = NpgsqlDataSource.Create(connection);
        var executions = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var crashed = new TaskCompletionSource(); // never completed: the first scheduler's try of b is lost with it
        var dag = new Dag("crash");
        var a = dag.Task("a", DelegateTasks.Work(TimeSpan.Zero, c => executions.AddOrUpdate("a", 1, (_, n) => n + 1)));
        var b = dag.Task("b", new DelegateOperator(async (c, t) =>
        {
            if (executions.AddOrUpdate("b", 1, (_, n) => n + 1) == 1) await crashed.Task;
            return null;
        }));
        var cTask = dag.Task("c", DelegateTasks.Work(TimeSpan.Zero, c => executions.AddOrUpdate("c", 1, (_, n) => n + 1)));
        _ = a >> b >> cTask;

        var first = new Scheduler(db, new SchedulerOptions { LogDirectory = logs, SchedulerId = "first" });
        first.Register(dag);
        await first.StartAsync(cancellationToken);
        var run = await first.TriggerAsync("crash", cancellationToken: cancellationToken);
        await first.TickAsync(cancellationToken);
        await first.DrainAsync();
        await first.TickAsync(cancellationToken); // b is now running, and stays so: the scheduler is dropped here

        var second = new Scheduler(db, new SchedulerOptions { LogDirectory = logs, SchedulerId = "second", Bug = bug });
        second.Register(dag);
        await second.StartAsync(cancellationToken);
        await second.RunUntilIdleAsync(cancellationToken: cancellationToken);
        var state = (await second.Store.RunAsync("crash", run.RunId, cancellationToken))!.State;
        // a had completed before the crash; b had not (its try was lost); c ran only after the restart.
        var rerun = executions.GetValueOrDefault("a") - 1;
        return new CrashOutcome(rerun, state, string.Join(", ", executions.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
    }
}
