using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class PowerIterationStepTests
{
    private const double D = 0.85;

    [Fact]
    [Goal("4.2-3")]
    public void One_step_from_the_uniform_vector_gives_the_hand_computed_ranks()
    {
        var graph = GraphFixtures.BySorting(4, GraphFixtures.FourNodes);
        double[] rank = [0.25, 0.25, 0.25, 0.25];
        var next = new double[4];
        var delta = CsrPageRank.Step(graph, rank, next, new double[4], D, danglingMass: 0.25);
        // teleport (1 − d)/4 plus the dangling node's 0.25 spread over 4 nodes, then each node's in-links
        var baseline = (1 - D) / 4 + D * 0.25 / 4;
        double[] expected = [baseline + D * 0.25, baseline + D * 0.125, baseline + D * (0.125 + 0.25), baseline];
        for (var v = 0; v < 4; v++) Assert.Equal(expected[v], next[v], 1e-15);
        Assert.Equal(expected.Sum(e => Math.Abs(e - 0.25)), delta, 1e-15);
        Assert.Equal(1, next.Sum(), 1e-15);
    }

    [Fact]
    [Goal("4.2-3")]
    public void A_step_over_many_chunks_equals_a_sequential_product()
    {
        var n = 3 * CsrPageRank.ChunkSize + 17;
        var edges = GraphFixtures.RandomEdges(n, 4 * n, 9);
        var graph = GraphFixtures.BySorting(n, edges);
        var random = new Random(2);
        var rank = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var total = rank.Sum();
        for (var i = 0; i < n; i++) rank[i] /= total;
        var dangling = Enumerable.Range(0, n).Where(u => graph.OutDegree[u] == 0).Sum(u => rank[u]);

        var expected = new double[n];
        Array.Fill(expected, (1 - D) / n + D * dangling / n);
        foreach (var (from, to) in edges) expected[to] += D * rank[from] / graph.OutDegree[from];
        var next = new double[n];
        var delta = CsrPageRank.Step(graph, rank, next, new double[n], D, dangling);
        for (var v = 0; v < n; v++) Assert.Equal(expected[v], next[v], 1e-12);
        Assert.Equal(expected.Zip(rank, (e, r) => Math.Abs(e - r)).Sum(), delta, 1e-9);
    }

    [Fact]
    [Goal("4.2-3")]
    public void The_step_keeps_the_total_rank_when_the_dangling_mass_is_returned()
    {
        var graph = GraphFixtures.BySorting(4, GraphFixtures.FourNodes);
        double[] rank = [0.1, 0.2, 0.3, 0.4];
        var next = new double[4];
        CsrPageRank.Step(graph, rank, next, new double[4], D, danglingMass: 0.4);
        Assert.Equal(1, next.Sum(), 1e-15);
    }
}
