using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class QuikGraphAgreementTests(ITestOutputHelper output)
{
    [Theory]
    [Goal("4.2-3")]
    [InlineData(11)]
    [InlineData(12)]
    public void Without_dangling_nodes_the_ranks_match_quikgraphs(int seed)
    {
        var graph = PowerLawGraph.Generate(3_000, 2.1, 0, seed);
        Assert.Equal(0, graph.DanglingCount);
        var quik = QuikGraphPageRank.Compute(QuikGraphPageRank.ToQuikGraph(graph), 0.85, 1e-15, 2_000).Ranks;
        var ranks = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14)).Ranks;
        var gap = ranks.Zip(quik, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{graph.NodeCount} nodes, largest gap {gap:G3}");
        Assert.True(gap <= 1e-8);
    }

    [Fact]
    [Goal("4.2-3")]
    public void With_dangling_nodes_quikgraphs_ranks_leak_and_so_are_not_compared()
    {
        var graph = PowerLawGraph.Generate(3_000, 2.1, 0.3, 13);
        var quik = QuikGraphPageRank.Compute(QuikGraphPageRank.ToQuikGraph(graph), 0.85, 1e-15, 2_000).Ranks;
        var ranks = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14)).Ranks;
        output.WriteLine($"QuikGraph's ranks / n sum to {quik.Sum():G6}, the CSR ranks to {ranks.Sum():G15}");
        Assert.True(quik.Sum() < 0.99);
        Assert.Equal(1, ranks.Sum(), 1e-12);
    }
}
