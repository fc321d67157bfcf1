using StatelessMind.Labs.ProbabilisticModels.Flows;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Flows;

/// <summary>Exercise 3.3-3b: Edmonds–Karp finds the maximum flow, equal to QuikGraph's and OR-Tools'.</summary>
public sealed class EdmondsKarpTests
{
    [Fact]
    [Goal("3.3-3")]
    public void The_second_path_runs_back_along_a_reverse_arc()
    {
        var network = FlowExamples.NeedsAReverseArc();
        var result = EdmondsKarp.MaxFlow(network, 0, 7);
        Assert.Equal(2, result.Value);
        Assert.Equal(2, result.AugmentingPaths);
        Assert.Equal(0, result.ArcFlows[1]); // a → b: used by the first path, taken back by the second
        Assert.Equal(2, ReferenceFlows.OrToolsMaxFlow(network, 0, 7).Value);
        Assert.Equal(2, ReferenceFlows.QuikGraphMaxFlow(network, 0, 7));
    }

    [Fact]
    [Goal("3.3-3")]
    public void Random_networks_agree_with_quikgraph_and_or_tools_and_the_flow_is_feasible()
    {
        var random = new Random(7);
        for (var k = 0; k < 60; k++)
        {
            var nodes = random.Next(4, 40);
            var network = FlowNetwork.Random(random, nodes, nodes * random.Next(1, 6));
            var result = EdmondsKarp.MaxFlow(network, 0, nodes - 1);
            Assert.Equal(ReferenceFlows.OrToolsMaxFlow(network, 0, nodes - 1).Value, result.Value);
            Assert.Equal(ReferenceFlows.QuikGraphMaxFlow(network, 0, nodes - 1), result.Value);
            var supply = new long[nodes];
            supply[0] = result.Value;
            supply[nodes - 1] = -result.Value;
            Assert.Equal((0L, 0L), network.Violations(result.ArcFlows, supply));
        }
    }

    [Fact]
    [Goal("3.3-3")]
    public void Parallel_and_opposite_arcs_are_handled()
    {
        var network = new FlowNetwork("parallel and opposite", 4);
        network.AddArc(0, 1, 3);
        network.AddArc(0, 1, 2);
        network.AddArc(1, 2, 4);
        network.AddArc(2, 1, 5);
        network.AddArc(2, 3, 10);
        network.AddArc(1, 3, 1);
        Assert.Equal(5, EdmondsKarp.MaxFlow(network, 0, 3).Value);
        Assert.Equal(5, ReferenceFlows.OrToolsMaxFlow(network, 0, 3).Value);
        Assert.Equal(0, EdmondsKarp.MaxFlow(network, 3, 0).Value);
    }

    [Fact]
    [Goal("3.3-3")]
    public void Planted_bug_without_reverse_arcs_stops_below_the_maximum()
    {
        var network = FlowExamples.NeedsAReverseArc();
        Assert.Equal(1, EdmondsKarp.MaxFlow(network, 0, 7, FlowBug.NoReverseResidualArcs).Value);
        Assert.Equal(2, ReferenceFlows.OrToolsMaxFlow(network, 0, 7).Value);
    }
}
