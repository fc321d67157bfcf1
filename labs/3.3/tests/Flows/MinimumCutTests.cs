using StatelessMind.Labs.ProbabilisticModels.Flows;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Flows;

/// <summary>Exercise 3.3-3c: the nodes the source reaches in the final residual network are a minimum cut.</summary>
public sealed class MinimumCutTests
{
    [Fact]
    [Goal("3.3-3")]
    public void The_example_is_cut_at_the_source()
    {
        var network = FlowExamples.NeedsAReverseArc();
        var result = EdmondsKarp.MaxFlow(network, 0, 7);
        Assert.Equal([true, false, false, false, false, false, false, false], result.SourceSide);
        Assert.Equal(2, network.CutCapacity(result.SourceSide));
    }

    [Fact]
    [Goal("3.3-3")]
    public void Max_flow_equals_min_cut_on_random_networks()
    {
        var random = new Random(19);
        for (var k = 0; k < 60; k++)
        {
            var nodes = random.Next(4, 40);
            var network = FlowNetwork.Random(random, nodes, nodes * random.Next(1, 6));
            var result = EdmondsKarp.MaxFlow(network, 0, nodes - 1);
            Assert.True(result.SourceSide[0]);
            Assert.False(result.SourceSide[nodes - 1]);
            Assert.Equal(result.Value, network.CutCapacity(result.SourceSide));
            // Every arc across the cut is saturated, every arc back across it empty.
            for (var a = 0; a < network.Arcs.Count; a++)
            {
                var arc = network.Arcs[a];
                if (result.SourceSide[arc.From] && !result.SourceSide[arc.To]) Assert.Equal(arc.Capacity, result.ArcFlows[a]);
                if (!result.SourceSide[arc.From] && result.SourceSide[arc.To]) Assert.Equal(0, result.ArcFlows[a]);
            }
        }
    }

    [Fact]
    [Goal("3.3-3")]
    public void An_unreachable_sink_has_an_empty_cut()
    {
        var network = new FlowNetwork("split", 4);
        network.AddArc(0, 1, 5);
        network.AddArc(2, 3, 5);
        var result = EdmondsKarp.MaxFlow(network, 0, 3);
        Assert.Equal(0, result.Value);
        Assert.Equal([true, true, false, false], result.SourceSide);
        Assert.Equal(0, network.CutCapacity(result.SourceSide));
    }
}
