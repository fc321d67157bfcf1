using StatelessMind.Labs.DiscreteMath.Graphs;

namespace StatelessMind.Labs.DiscreteMath.Tests.Graphs;

[Goal("4.4-2")]
public sealed class ShortestPathTests
{
    /// <summary>The textbook trap for a greedy order: 0 → 1 costs 10 directly but 1 + 1 + 1 through 2 and 3.</summary>
    private static WeightedDigraph Detour()
    {
        var g = new WeightedDigraph(5);
        g.AddEdge(0, 1, 10);
        g.AddEdge(0, 2, 1);
        g.AddEdge(2, 3, 1);
        g.AddEdge(3, 1, 1);
        g.AddEdge(1, 4, 2);
        return g;
    }

    [Fact]
    public void Dijkstra_finds_the_detour_and_its_path()
    {
        var tree = ShortestPaths.Dijkstra(Detour(), 0);
        Assert.Equal([0, 3, 1, 2, 5], tree.Distance);
        Assert.Equal([0, 2, 3, 1, 4], tree.PathTo(4));
    }

    [Fact]
    public void Dijkstra_agrees_with_quikgraph_and_both_bellman_fords_on_random_graphs()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var g = RandomGraphs.Erdos(300, 3, seed);
            var reference = new QuikGraphReference(g);
            var mine = ShortestPaths.Dijkstra(g, 0);
            Assert.Equal(reference.Dijkstra(0), mine.Distance);
            Assert.Equal(reference.BellmanFord(0).Distance, mine.Distance);
            Assert.Equal(ShortestPaths.BellmanFord(g, 0).Distance, mine.Distance);
            Assert.True(GraphChecks.IsShortestPathCertificate(g, 0, mine), $"seed {seed}: an edge still relaxes or a parent edge is not tight");
        }
    }

    [Fact]
    public void Dijkstra_with_unit_weights_gives_the_bfs_hop_counts()
    {
        var g = RandomGraphs.Erdos(300, 2, 7).Reweighted(_ => 1);
        var hops = Traversals.Bfs(g, 0).Hops.Select(h => h < 0 ? double.PositiveInfinity : h);
        Assert.Equal(hops, ShortestPaths.Dijkstra(g, 0).Distance);
    }

    [Fact]
    public void A_negative_edge_is_refused_by_dijkstra_with_a_typed_error_naming_it()
    {
        var g = Detour();
        g.AddEdge(4, 2, -1);
        var error = Assert.Throws<NegativeEdgeWeightException>(() => ShortestPaths.Dijkstra(g, 0));
        Assert.Equal(new WeightedEdge(4, 2, -1), error.Edge);
        Assert.Contains("Bellman–Ford", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BellmanFord_handles_negative_edges_as_the_potentials_predict()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var g = RandomGraphs.Erdos(200, 3, seed);
            var (shifted, h) = RandomGraphs.WithPotentials(g, seed + 100);
            Assert.Contains(shifted.Edges, e => e.Weight < 0);
            var plain = ShortestPaths.Dijkstra(g, 0).Distance;
            var expected = plain.Select((d, v) => d + h[0] - h[v]).ToArray();
            Assert.Equal(expected, ShortestPaths.BellmanFord(shifted, 0).Distance);
            Assert.Equal(expected, new QuikGraphReference(shifted).BellmanFord(0).Distance);
        }
    }

    [Fact]
    public void BellmanFord_needs_its_rounds_when_the_edges_come_in_the_worst_order()
    {
        // The path 9 → 8 → … → 0 from 9: edges are scanned by their tail, so the one nearest 0 comes first and each
        // round settles one more vertex; vertex 10 is unreachable.
        var g = new WeightedDigraph(11);
        for (var v = 0; v < 9; v++) g.AddEdge(v + 1, v, 2);
        var tree = ShortestPaths.Relax(g, 9);
        Assert.Equal(Enumerable.Range(0, 10).Select(v => 2.0 * (9 - v)).Append(double.PositiveInfinity), tree.Distance);
        Assert.True(GraphChecks.IsShortestPathCertificate(g, 9, tree));
    }

    [Fact]
    public void Negative_cycle_is_reported_with_its_vertices_and_weight()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var (g, cycle) = RandomGraphs.WithNegativeCycle(RandomGraphs.Erdos(100, 2, seed), seed);
            var error = Assert.Throws<NegativeCycleException>(() => ShortestPaths.BellmanFord(g, 0));
            Assert.True(error.Weight < 0, $"seed {seed}: the reported cycle weighs {error.Weight}");
            Assert.Equal(error.Weight, ShortestPaths.CycleWeight(g, error.Cycle));
            Assert.True(new QuikGraphReference(g).BellmanFord(0).NegativeCycle, $"seed {seed}: QuikGraph saw no negative cycle");
            Assert.NotEmpty(cycle);
        }
    }

    [Fact]
    public void Negative_cycle_search_returns_null_when_the_extra_round_changes_nothing()
    {
        var g = Detour();
        Assert.Null(ShortestPaths.FindNegativeCycle(g, ShortestPaths.Relax(g, 0)));
    }

    [Fact]
    public void Planted_bug_dijkstra_in_arrival_order_misses_the_detour()
    {
        Assert.NotEqual(ShortestPaths.Dijkstra(Detour(), 0).Distance, ShortestPaths.Dijkstra(Detour(), 0, GraphBug.DijkstraWithFifo).Distance);
    }

    [Fact]
    public void Planted_bug_bellman_ford_without_its_last_pass_returns_distances_that_fail_the_certificate()
    {
        var (g, _) = RandomGraphs.WithNegativeCycle(RandomGraphs.Erdos(100, 2, 3), 3);
        var tree = ShortestPaths.BellmanFord(g, 0, GraphBug.SkipsNegativeCycleCheck);
        Assert.False(GraphChecks.IsShortestPathCertificate(g, 0, tree), "distances through a negative cycle passed as shortest");
    }

    [Fact]
    public void The_certificate_accepts_true_distances_and_rejects_a_wrong_one()
    {
        var g = Detour();
        var tree = ShortestPaths.Dijkstra(g, 0);
        Assert.True(GraphChecks.IsShortestPathCertificate(g, 0, tree));
        var wrong = tree with { Distance = [0, 10, 1, 2, 12] };
        Assert.False(GraphChecks.IsShortestPathCertificate(g, 0, wrong));
    }
}
