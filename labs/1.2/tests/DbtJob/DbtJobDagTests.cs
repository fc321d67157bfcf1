using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The job's DAG: its tasks, their order, trigger rules and retries, and the planted wiring bug.</summary>
[Goal("1.2-5")]
public sealed class DbtJobDagTests
{
    internal static DbtJobOptions Options(DbtJobBug bug = DbtJobBug.None) => new()
    {
        Warehouse = "Host=unused;Database=wh",
        ProjectDirectory = "/unused/dbt",
        WorkDirectory = "/tmp/unused",
        Bug = bug,
    };

    internal static SortedSet<string> Edges(Dag dag) =>
        new(dag.Tasks.SelectMany(t => t.Downstream.Select(d => $"{t.TaskId}>>{d}")), StringComparer.Ordinal);

    [Fact]
    public void The_dbt_commands_run_in_order_after_the_sensor_and_every_task_feeds_the_watcher()
    {
        var dag = DbtJobDag.Create(Options());

        Assert.Equal(
            new SortedSet<string>(StringComparer.Ordinal)
            {
                "wait_for_source>>dbt_seed", "dbt_seed>>dbt_snapshot", "dbt_snapshot>>dbt_build", "dbt_build>>publish_test_results",
                "wait_for_source>>watcher", "dbt_seed>>watcher", "dbt_snapshot>>watcher", "dbt_build>>watcher", "publish_test_results>>watcher",
            },
            Edges(dag));
        Assert.Equal([.. DbtJobDag.RequiredOrder, DbtJobDag.Watcher], dag.TopologicalOrder());
    }

    [Fact]
    public void The_tasks_have_the_operators_trigger_rules_and_retries_of_the_job()
    {
        var dag = DbtJobDag.Create(Options());

        var sensor = Assert.IsType<SqlSensor>(dag[DbtJobDag.Sensor].Operator);
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromHours(2)), (sensor.PokeInterval, sensor.Timeout));
        Assert.Contains("{{ data_interval_end }}", sensor.Sql, StringComparison.Ordinal);
        Assert.Equal(["seed", "snapshot"], new[] { DbtJobDag.Seed, DbtJobDag.Snapshot }.Select(t => Assert.IsType<DbtOperator>(dag[t].Operator).Command));
        Assert.IsType<DbtBuildOperator>(dag[DbtJobDag.Build].Operator);
        Assert.Equal((2, TimeSpan.FromMinutes(1), true), (dag[DbtJobDag.Build].Options.Retries, dag[DbtJobDag.Build].Options.RetryDelay, dag[DbtJobDag.Build].Options.ExponentialBackoff));
        Assert.Equal(TriggerRule.AllDone, dag[DbtJobDag.Publish].Options.TriggerRule);
        Assert.Equal(TriggerRule.OneFailed, dag[DbtJobDag.Watcher].Options.TriggerRule);
        Assert.All(DbtJobDag.RequiredOrder.Take(4), t => Assert.Equal(TriggerRule.AllSuccess, dag[t].Options.TriggerRule));
        Assert.Equal((DbtJobDag.Schedule, false, 1), (dag.Options.Schedule, dag.Options.Catchup, dag.Options.MaxActiveRuns));
    }
}
