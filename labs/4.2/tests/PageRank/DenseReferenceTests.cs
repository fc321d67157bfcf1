using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class DenseReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [Goal("4.2-3")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_csr_ranks_match_the_google_matrix_eigenvector(int seed)
    {
        var graph = PowerLawGraph.Generate(600, 2.1, 0.3, seed);
        Assert.True(graph.DanglingCount > 0);
        var dense = DensePageRank.Ranks(graph, 0.85);
        var ranks = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14)).Ranks;
        var gap = ranks.Zip(dense, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{graph.NodeCount} nodes, largest gap {gap:G3}");
        Assert.True(gap <= 1e-8);
    }

    [Fact]
    [Goal("4.2-3")]
    public void The_dense_reference_is_a_fixed_point_of_the_google_matrix()
    {
        var graph = PowerLawGraph.Generate(300, 2.1, 0.3, 6);
        var g = DensePageRank.GoogleMatrix(graph, 0.85);
        var x = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(DensePageRank.Ranks(graph, 0.85));
        Assert.True((g * x - x).InfinityNorm() <= 1e-13);
        Assert.Equal(1, x.Sum(), 1e-13);
        for (var c = 0; c < g.ColumnCount; c++) Assert.Equal(1, g.Column(c).Sum(), 1e-13);
    }

    [Fact]
    [Goal("4.2-3")]
    public void A_star_into_a_dangling_hub_has_the_closed_form_ranks()
    {
        // k leaves link to hub 0, which links nowhere. With n = k + 1, hub rank a and leaf rank b:
        // b = (1 − d)/n + d·a/n and a = b + d·k·b, so b = (1 − d)/(n − d(1 + dk)) and a = (1 + dk)·b.
        const int k = 6;
        const double d = 0.85;
        var graph = GraphFixtures.BySorting(k + 1, Enumerable.Range(1, k).Select(i => (i, 0)).ToArray());
        var n = k + 1.0;
        var b = (1 - d) / (n - d * (1 + d * k));
        var a = (1 + d * k) * b;
        var ranks = CsrPageRank.Compute(graph, new PageRankOptions(d, 1e-15)).Ranks;
        Assert.Equal(1, a + k * b, 1e-14);
        Assert.Equal(a, ranks[0], 1e-12);
        for (var i = 1; i <= k; i++) Assert.Equal(b, ranks[i], 1e-12);
    }
}
