using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class ConvergenceTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.2-3")]
    public void The_ranks_of_a_power_law_graph_sum_to_one_and_the_loop_stops_below_n_tol()
    {
        var graph = PowerLawGraph.Generate(40_000, 2.1, 0.1, 4);
        var options = new PageRankOptions(0.85, 1e-10);
        var result = CsrPageRank.Compute(graph, options);
        output.WriteLine($"{result.Iterations} iterations, final delta {result.FinalDelta:G3}");
        Assert.True(result.Converged);
        Assert.Equal(1, result.Ranks.Sum(), 1e-9);
        Assert.All(result.Ranks, r => Assert.True(r >= 0.15 / graph.NodeCount * (1 - 1e-12)));
        Assert.True(result.FinalDelta < graph.NodeCount * options.Tolerance);
        Assert.True(result.Deltas[^2] >= graph.NodeCount * options.Tolerance);
    }

    [Fact]
    [Goal("4.2-3")]
    public void Each_l1_change_is_at_most_d_times_the_previous_one()
    {
        // The Google matrix contracts differences of distributions by d in the L1 norm (1e-13 allows for rounding).
        var graph = PowerLawGraph.Generate(20_000, 2.1, 0.2, 8);
        var result = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14));
        for (var i = 1; i < result.Iterations; i++)
            Assert.True(result.Deltas[i] <= 0.85 * result.Deltas[i - 1] + 1e-13, $"iteration {i + 1}: {result.Deltas[i]:G17} after {result.Deltas[i - 1]:G17}, ratio {result.Deltas[i] / result.Deltas[i - 1]:G17}");
    }

    [Fact]
    [Goal("4.2-3")]
    public void A_directed_cycle_keeps_the_uniform_vector()
    {
        var graph = GraphFixtures.BySorting(5, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]);
        var result = CsrPageRank.Compute(graph, PageRankOptions.Default);
        Assert.Equal(1, result.Iterations);
        Assert.All(result.Ranks, r => Assert.Equal(0.2, r, 1e-15));
    }

    [Fact]
    [Goal("4.2-3")]
    public void The_iteration_cap_stops_an_unconverged_run()
    {
        var graph = GraphFixtures.BySorting(4, GraphFixtures.FourNodes);
        var result = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-15, MaxIterations: 3));
        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
        Assert.Equal(1, result.Ranks.Sum(), 1e-12);
    }
}
