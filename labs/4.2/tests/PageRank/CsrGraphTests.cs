using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class CsrGraphTests
{
    [Fact]
    [Goal("4.2-3")]
    public void The_in_edge_arrays_of_a_small_graph_are_exact()
    {
        var graph = CsrGraph.FromEdges(4, [0, 0, 1, 2], [1, 2, 2, 0]);
        Assert.Equal([0, 1, 2, 4, 4], graph.InOffsets);
        Assert.Equal([2, 0, 0, 1], graph.InSources);
        Assert.Equal([2, 1, 1, 0], graph.OutDegree);
        Assert.Equal(1, graph.DanglingCount);
        Assert.Equal(4 * (5 + 4 + 4), graph.Bytes);
    }

    [Fact]
    [Goal("4.2-3")]
    public void A_random_multigraph_matches_the_csr_built_by_sorting()
    {
        var edges = GraphFixtures.RandomEdges(300, 2_000, 5);
        var graph = CsrGraph.FromEdges(300, edges.Select(e => e.From).ToArray(), edges.Select(e => e.To).ToArray());
        var reference = GraphFixtures.BySorting(300, edges);
        Assert.Equal(reference.InOffsets, graph.InOffsets);
        Assert.Equal(reference.OutDegree, graph.OutDegree);
        for (var v = 0; v < 300; v++)
            Assert.Equal(reference.InSources[reference.InOffsets[v]..reference.InOffsets[v + 1]].Order(), graph.InSources[graph.InOffsets[v]..graph.InOffsets[v + 1]].Order());
        Assert.Equal(edges.Order(), graph.Edges().Order());
    }

    [Fact]
    [Goal("4.2-3")]
    public void Parallel_edges_and_self_loops_count_in_the_out_degree()
    {
        var graph = CsrGraph.FromEdges(2, [0, 0, 1], [1, 1, 1]);
        Assert.Equal([2, 1], graph.OutDegree);
        Assert.Equal([0, 0, 3], graph.InOffsets);
    }

    [Fact]
    [Goal("4.2-3")]
    public void A_generated_power_law_graph_costs_at_most_12_bytes_per_edge()
    {
        var graph = PowerLawGraph.Generate(50_000, 2.1, 0.1, 3);
        Assert.Equal(50_000, graph.EdgeCount);
        Assert.InRange((double)graph.Bytes / graph.EdgeCount, 4, 12);
        Assert.True(graph.DanglingCount > 0);
        // preferential attachment: the most linked node has far more in-edges than the mean
        var maxIn = Enumerable.Range(0, graph.NodeCount).Max(v => graph.InOffsets[v + 1] - graph.InOffsets[v]);
        Assert.True(maxIn > 50 * graph.EdgeCount / graph.NodeCount);
    }
}
