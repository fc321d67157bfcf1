using StatelessMind.Labs.Orchestration.Config;
using StatelessMind.Labs.Orchestration.Dags;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-3")]
public sealed class YamlDagTests
{
    private static readonly string Configs = Path.Combine(AppContext.BaseDirectory, "dags", "configs");

    [Fact]
    public void Each_config_file_becomes_one_dag_with_its_graph_and_options()
    {
        var dags = new YamlDagFactory("Host=unused").LoadDirectory(Configs);
        Assert.Equal(["orders_daily", "partitions_hourly"], dags.Select(d => d.DagId));
        var orders = dags[0];
        Assert.Equal(("0 2 * * *", false, 1), (orders.Options.Schedule, orders.Options.Catchup, orders.Options.MaxActiveRuns));
        Assert.Equal(["extract", "load_customers", "load_products", "report"], orders.TopologicalOrder());
        Assert.Equal(new[] { "load_customers", "load_products" }, orders["report"].Upstream.ToArray());
        Assert.Equal(2, orders["load_products"].Options.Retries);
        var hourly = dags[1];
        Assert.Equal("list_partitions", hourly["process"].Options.ExpandFrom);
        Assert.Equal(TriggerRule.AllDone, hourly["cleanup"].Options.TriggerRule);
    }

    [Fact]
    public void A_config_with_a_cycle_or_a_task_without_operator_is_refused()
    {
        var factory = new YamlDagFactory();
        const string cyclic = "dag_id: c\ntasks:\n  - task_id: a\n    bash: echo\n    upstream: [b]\n  - task_id: b\n    bash: echo\n    upstream: [a]\n";
        Assert.Throws<DagCycleException>(() => factory.Load(cyclic, "c.yaml"));
        var e = Assert.Throws<DagDefinitionException>(() => factory.Load("dag_id: x\ntasks:\n  - task_id: a\n", "x.yaml"));
        Assert.Contains("x.yaml", e.Message, StringComparison.Ordinal);
    }
}
