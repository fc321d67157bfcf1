using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class PlantedBugTests
{
    [Fact]
    [Goal("4.2-3")]
    public void Dropping_the_dangling_mass_is_caught_by_the_rank_sum()
    {
        var graph = PowerLawGraph.Generate(5_000, 2.1, 0.2, 21);
        var correct = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-12)).Ranks.Sum();
        var buggy = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-12, Bug: PageRankBug.DanglingMassDropped)).Ranks.Sum();
        Assert.Equal(1, correct, 1e-10);
        Assert.True(buggy < 1 - 1e-3, $"the buggy ranks sum to {buggy}");
    }

    [Fact]
    [Goal("4.2-3")]
    public void Swapping_the_damping_is_caught_by_the_dense_reference()
    {
        var graph = PowerLawGraph.Generate(500, 2.1, 0.2, 22);
        var dense = DensePageRank.Ranks(graph, 0.85);
        var correct = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14)).Ranks;
        var buggy = CsrPageRank.Compute(graph, new PageRankOptions(0.85, 1e-14, Bug: PageRankBug.DampingSwapped)).Ranks;
        Assert.True(correct.Zip(dense, (a, b) => Math.Abs(a - b)).Max() <= 1e-8);
        Assert.True(buggy.Zip(dense, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
    }
}
