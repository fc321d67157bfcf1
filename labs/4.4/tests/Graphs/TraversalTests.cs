using StatelessMind.Labs.DiscreteMath.Graphs;

namespace StatelessMind.Labs.DiscreteMath.Tests.Graphs;

[Goal("4.4-2")]
public sealed class TraversalTests
{
    /// <summary>0 → 1, 0 → 2, 1 → 3, 2 → 3, 3 → 4, and 5 unreachable; edges listed in this order.</summary>
    private static WeightedDigraph Diamond()
    {
        var g = new WeightedDigraph(6);
        g.AddEdge(0, 1, 1);
        g.AddEdge(0, 2, 1);
        g.AddEdge(1, 3, 1);
        g.AddEdge(2, 3, 1);
        g.AddEdge(3, 4, 1);
        g.AddEdge(5, 0, 1);
        return g;
    }

    [Fact]
    public void Bfs_counts_the_fewest_edges_and_leaves_the_unreachable_at_minus_one()
    {
        var bfs = Traversals.Bfs(Diamond(), 0);
        Assert.Equal([0, 1, 1, 2, 3, -1], bfs.Hops);
        Assert.Equal([0, 1, 2, 3, 4], bfs.Order);
        Assert.Equal([-1, 0, 0, 1, 3, -1], bfs.Parent);
    }

    [Fact]
    public void Bfs_agrees_with_quikgraph_on_random_graphs()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var g = RandomGraphs.Erdos(200, 2.5, seed);
            var mine = Traversals.Bfs(g, 0);
            var theirs = new QuikGraphReference(g).Bfs(0);
            Assert.Equal(theirs.Hops, mine.Hops);
            Assert.Equal(theirs.Order, mine.Order);
        }
    }

    [Fact]
    public void Dfs_goes_deep_first_and_its_intervals_nest()
    {
        var dfs = Traversals.Dfs(Diamond(), 0);
        Assert.Equal([0, 1, 3, 4, 2], dfs.Order);
        Assert.Equal([-1, 0, 0, 1, 3, -1], dfs.Parent);
        Assert.Equal(-1, dfs.Discovery[5]);
        // 0 [0, 9], 1 [1, 6], 3 [2, 5], 4 [3, 4], 2 [7, 8]
        Assert.Equal([0, 1, 7, 2, 3, -1], dfs.Discovery);
        Assert.Equal([9, 6, 8, 5, 4, -1], dfs.Finish);
    }

    [Fact]
    public void Dfs_agrees_with_quikgraph_on_random_graphs_and_every_tree_edge_exists()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var g = RandomGraphs.Erdos(200, 2.5, seed);
            var mine = Traversals.Dfs(g, 0);
            Assert.Equal(new QuikGraphReference(g).DfsOrder(0), mine.Order);
            Assert.True(GraphChecks.ParenthesesNest(mine), $"seed {seed}: discovery/finish intervals cross");
            Assert.True(GraphChecks.ParentsAreEdges(g, mine.Parent), $"seed {seed}: a DFS parent is not an edge");
        }
    }

    [Fact]
    public void Dfs_of_a_long_path_does_not_overflow_the_stack()
    {
        var g = new WeightedDigraph(200_000);
        for (var v = 0; v + 1 < g.VertexCount; v++) g.AddEdge(v, v + 1, 1);
        Assert.Equal(g.VertexCount, Traversals.Dfs(g, 0).Order.Count);
    }

    [Fact]
    public void A_source_outside_the_graph_is_a_typed_error()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Traversals.Bfs(Diamond(), 6));
        Assert.Equal("vertex", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Traversals.Dfs(Diamond(), -1));
    }

    [Fact]
    public void Planted_bug_bfs_with_a_stack_reaches_vertices_by_longer_paths_than_quikgraph()
    {
        var disagreements = Enumerable.Range(1, 10).Count(seed =>
        {
            var g = RandomGraphs.Erdos(200, 2.5, seed);
            return !Traversals.Bfs(g, 0, GraphBug.BfsWithStack).Hops.SequenceEqual(new QuikGraphReference(g).Bfs(0).Hops);
        });
        Assert.True(disagreements > 0, "a stack-driven BFS agreed with QuikGraph on every graph: the cross-check caught nothing");
    }
}
