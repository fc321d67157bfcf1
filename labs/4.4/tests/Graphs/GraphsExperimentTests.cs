using StatelessMind.Labs.DiscreteMath.Graphs;

namespace StatelessMind.Labs.DiscreteMath.Tests.Graphs;

public sealed class GraphsExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.4-2")]
    public async Task The_experiment_cross_checks_every_algorithm_against_quikgraph()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new GraphsExperiment(), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Theory]
    [Goal("4.4-2")]
    [InlineData(GraphBug.BfsWithStack, "BFS: hop counts and discovery order equal QuikGraph's")]
    [InlineData(GraphBug.DijkstraWithFifo, "shortest paths: the lab's Dijkstra and Bellman–Ford and QuikGraph's")]
    [InlineData(GraphBug.SkipsNegativeCycleCheck, "a planted negative cycle")]
    public async Task With_a_planted_bug_the_experiment_fails_on_its_cross_check(GraphBug bug, string failedCheck)
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new GraphsExperiment(bug), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains(failedCheck, finding.Summary, StringComparison.Ordinal);
    }
}
