using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// The dbt job as a DAG of lab 2.3's orchestrator, task for task the Airflow DAG of
/// <c>labs/2.3/dags/dbt_retail_dag.py</c>: wait for the day's sources (a SQL sensor in reschedule mode), then
/// <c>dbt seed</c> → <c>dbt snapshot</c> → <c>dbt build</c> through lab 2.2's runner, publish the test results whatever
/// happened (all_done), and a watcher (one_failed) that fails the run when any task failed — the publish task, a leaf
/// that succeeds, would otherwise make a failed job look green.
/// </summary>
public static class DbtJobDag
{
    public const string DagId = "dbt_retail_daily";
    public const string Schedule = "0 4 * * *";
    public const string Sensor = "wait_for_source";
    public const string Seed = "dbt_seed";
    public const string Snapshot = "dbt_snapshot";
    public const string Build = "dbt_build";
    public const string Publish = "publish_test_results";
    public const string Watcher = "watcher";

    /// <summary>The order the job must keep: each task starts only after the one before it has finished.</summary>
    public static readonly IReadOnlyList<string> RequiredOrder = [Sensor, Seed, Snapshot, Build, Publish];

    public static Dag Create(DbtJobOptions options)
    {
        var dag = new Dag(DagId, new DagOptions
        {
            Schedule = Schedule,
            StartDate = options.StartDate,
            Catchup = false,
            MaxActiveRuns = 1, // two runs would build the same tables at once
            Description = "seed, snapshot and build lab 2.2's dbt project once the day's sources have landed",
        });
        var sensor = new SqlSensor(options.Warehouse, SourceLoads.FreshnessSql(options.Bug), options.PokeInterval, options.SensorTimeout);
        var seed = Dbt(options, "seed");
        var snapshot = Dbt(options, "snapshot");
        var build = new DbtBuildOperator(Dbt(options, "build"), options.Bug);
        var retries = new TaskOptions { Retries = options.BuildRetries, RetryDelay = options.RetryDelay, ExponentialBackoff = true };
        var publish = new DelegateOperator(async (context, token) =>
            await TestResultPublisher.PublishAsync(options.Warehouse, options.ResultsDirectory, context, token));
        var watcher = new DelegateOperator((context, _) =>
            throw new TaskFailedException($"{DagId} failed for {context.TemplateVariables["ds"]}: a task of run {context.Run.RunId} failed; its alert says why"));
        if (options.Bug == DbtJobBug.BuildBeforeSnapshot)
        {
            WireBuildBeforeSnapshot(dag, sensor, seed, snapshot, build, retries, publish, watcher);
            return dag;
        }
        #region Exercise 1.2-5a: add the six tasks and wire the job: sensor >> seed >> snapshot >> build (with retries) >> publish (all_done), every task >> watcher (one_failed) (tests: DbtJobDagTests)
        var waitTask = dag.Task(Sensor, sensor);
        var seedTask = dag.Task(Seed, seed);
        var snapshotTask = dag.Task(Snapshot, snapshot);
        var buildTask = dag.Task(Build, build, retries);
        var publishTask = dag.Task(Publish, publish, new TaskOptions { TriggerRule = TriggerRule.AllDone });
        var watcherTask = dag.Task(Watcher, watcher, new TaskOptions { TriggerRule = TriggerRule.OneFailed });
        _ = waitTask >> seedTask >> snapshotTask >> buildTask >> publishTask;
        _ = TaskSet.Of(waitTask, seedTask, snapshotTask, buildTask, publishTask) >> watcherTask;
        #endregion
        return dag;
    }

    /// <summary>The planted <see cref="DbtJobBug.BuildBeforeSnapshot"/>: the same tasks with the build ahead of the snapshot.</summary>
    private static void WireBuildBeforeSnapshot(Dag dag, IOperator sensor, IOperator seed, IOperator snapshot, IOperator build, TaskOptions retries, IOperator publish, IOperator watcher)
    {
        var waitTask = dag.Task(Sensor, sensor);
        var seedTask = dag.Task(Seed, seed);
        var snapshotTask = dag.Task(Snapshot, snapshot);
        var buildTask = dag.Task(Build, build, retries);
        var publishTask = dag.Task(Publish, publish, new TaskOptions { TriggerRule = TriggerRule.AllDone });
        var watcherTask = dag.Task(Watcher, watcher, new TaskOptions { TriggerRule = TriggerRule.OneFailed });
        _ = waitTask >> seedTask >> buildTask >> snapshotTask >> publishTask;
        _ = TaskSet.Of(waitTask, seedTask, snapshotTask, buildTask, publishTask) >> watcherTask;
    }

    private static DbtOperator Dbt(DbtJobOptions options, string command) => new(options.ProjectDirectory, new DbtRunOptions
    {
        Environment = ProfileTarget.Environment(options.Warehouse, options.Schema),
        TargetDirectory = options.TargetDirectory(command),
    }, command);
}
