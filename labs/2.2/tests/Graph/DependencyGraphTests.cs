using StatelessMind.Labs.Transformation.Graph;

namespace StatelessMind.Labs.Transformation.Tests.Graph;

[Goal("2.2-1")]
public sealed class DependencyGraphTests
{
    private static DependencyGraph Diamond()
    {
        var g = new DependencyGraph();
        g.AddEdge("source.shop.orders", "stg_orders");
        g.AddEdge("stg_orders", "fct_a");
        g.AddEdge("stg_orders", "fct_b");
        g.AddEdge("fct_a", "report");
        g.AddEdge("fct_b", "report");
        g.AddNode("lonely");
        return g;
    }

    [Fact]
    public void Every_node_comes_after_all_its_parents_in_a_repeatable_order()
    {
        var order = Diamond().TopologicalOrder();
        Assert.Equal(["lonely", "source.shop.orders", "stg_orders", "fct_a", "fct_b", "report"], order);
        var g = Diamond();
        foreach (var node in order)
            Assert.All(g.Parents(node), p => Assert.True(order.ToList().IndexOf(p) < order.ToList().IndexOf(node)));
    }

    [Fact]
    public void A_cycle_is_an_error_that_names_the_cycle()
    {
        var g = Diamond();
        g.AddEdge("report", "stg_orders");
        var e = Assert.Throws<DependencyCycleException>(() => g.TopologicalOrder());
        Assert.Equal(e.Cycle[0], e.Cycle[^1]);
        Assert.Equal(["fct_a", "report", "stg_orders"], e.Cycle.Skip(1).Order(StringComparer.Ordinal).ToArray());
        for (var i = 0; i + 1 < e.Cycle.Count; i++) Assert.Contains(e.Cycle[i], g.Parents(e.Cycle[i + 1]));
    }

    [Theory]
    [InlineData("fct_a", new[] { "fct_a" })]
    [InlineData("+fct_a", new[] { "fct_a", "source.shop.orders", "stg_orders" })]
    [InlineData("stg_orders+", new[] { "fct_a", "fct_b", "report", "stg_orders" })]
    [InlineData("+fct_b+", new[] { "fct_b", "report", "source.shop.orders", "stg_orders" })]
    public void Graph_operators_select_ancestors_and_descendants(string selector, string[] expected)
    {
        var selected = Diamond().Select(selector, n => n);
        Assert.Equal(expected, selected.Order(StringComparer.Ordinal).ToArray());
    }
}
