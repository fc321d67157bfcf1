using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-1")]
public sealed class DagGraphTests
{
    private static DagTask Add(Dag dag, string id) => dag.Task(id, DelegateTasks.Work(TimeSpan.Zero));

    [Fact]
    public void Fan_out_and_fan_in_order_every_task_after_its_upstream_tasks()
    {
        var dag = new Dag("fan");
        var a = Add(dag, "a");
        var b = Add(dag, "b");
        var c = Add(dag, "c");
        var d = Add(dag, "d");
        _ = a >> TaskSet.Of(b, c) >> d;
        var order = dag.TopologicalOrder();
        Assert.Equal(["a", "b", "c", "d"], order);
        Assert.Equal(new[] { "b", "c" }, d.Upstream.ToArray());
        Assert.Equal(new[] { "b", "c" }, a.Downstream.ToArray());
    }

    [Fact]
    public void A_chain_added_out_of_order_is_sorted_by_dependencies()
    {
        var dag = new Dag("chain");
        var load = Add(dag, "load");
        var extract = Add(dag, "extract");
        var transform = Add(dag, "transform");
        _ = extract >> transform >> load;
        Assert.Equal(["extract", "transform", "load"], dag.TopologicalOrder());
    }

    [Fact]
    public void A_cycle_is_rejected_with_the_cycle_named()
    {
        var dag = new Dag("cyclic");
        var start = Add(dag, "start");
        var a = Add(dag, "a");
        var b = Add(dag, "b");
        var c = Add(dag, "c");
        _ = start >> a >> b >> c >> a;
        var e = Assert.Throws<DagCycleException>(() => dag.TopologicalOrder());
        Assert.Equal(["a", "b", "c", "a"], e.Cycle);
        Assert.Contains("a >> b >> c >> a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_task_ids_and_foreign_mapping_sources_are_refused()
    {
        var dag = new Dag("bad");
        var a = Add(dag, "a");
        Assert.Throws<DagDefinitionException>(() => Add(dag, "a"));
        var m = dag.Task("m", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { ExpandFrom = "a" });
        Assert.Throws<DagDefinitionException>(() => dag.TopologicalOrder());
        _ = a >> m;
        Assert.Equal(["a", "m"], dag.TopologicalOrder());
    }
}
