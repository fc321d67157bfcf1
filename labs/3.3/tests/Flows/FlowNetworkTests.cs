using StatelessMind.Labs.ProbabilisticModels.Flows;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Flows;

/// <summary>A malformed network or query is refused with the model, the place and what was expected.</summary>
public sealed class FlowNetworkTests
{
    [Fact]
    [Goal("3.3-3")]
    public void Bad_arcs_and_terminals_are_refused()
    {
        Assert.Throws<ModelDefinitionException>(() => new FlowNetwork("tiny", 1));
        var network = new FlowNetwork("net", 4);
        var outside = Assert.Throws<ModelDefinitionException>(() => network.AddArc(0, 4, 1));
        Assert.Equal(("net", "arc 0 (0 → 4)"), (outside.Model, outside.Location));
        Assert.Throws<ModelDefinitionException>(() => network.AddArc(2, 2, 1));
        Assert.Throws<ModelDefinitionException>(() => network.AddArc(0, 1, -3));
        network.AddArc(0, 1, 3);
        var same = Assert.Throws<ModelDefinitionException>(() => EdmondsKarp.MaxFlow(network, 1, 1));
        Assert.Equal("source and sink", same.Location);
        Assert.Throws<ModelDefinitionException>(() => EdmondsKarp.MaxFlow(network, 0, 9));
        Assert.Throws<ModelDefinitionException>(() => ReferenceFlows.OrToolsMinCostFlow(network, 0, 1, 4)); // more than it carries
    }

    [Fact]
    [Goal("3.3-3")]
    public void Violations_measure_capacity_and_conservation()
    {
        var network = FlowExamples.NeedsAReverseArc();
        var flow = new long[network.Arcs.Count];
        Assert.Equal((0L, 0L), network.Violations(flow, new long[network.NodeCount]));
        flow[0] = 2; // s → a over its capacity of 1, and a does not pass it on
        var supply = new long[network.NodeCount];
        supply[0] = 2;
        supply[7] = -2;
        var (capacity, conservation) = network.Violations(flow, supply);
        Assert.Equal(1, capacity);
        Assert.Equal(2, conservation);
    }
}
