using StatelessMind.Labs.ProbabilisticModels.Bayes;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Bayes;

/// <summary>A network that is not well defined is rejected with an error naming what is wrong.</summary>
public sealed class NetworkDefinitionTests
{
    private static readonly string[] Binary = ["0", "1"];

    [Fact]
    [Goal("3.3-1")]
    public void A_cycle_is_rejected_and_named()
    {
        var e = Assert.Throws<CyclicGraphException>(() => BayesianNetwork.Define("loop",
        [
            NodeDefinition.Root("Root", Binary, 0.5, 0.5),
            new("A", Binary, ["C", "Root"], [.. Enumerable.Repeat(0.5, 8)]),
            new("B", Binary, ["A"], [0.5, 0.5, 0.5, 0.5]),
            new("C", Binary, ["B"], [0.5, 0.5, 0.5, 0.5]),
        ]));
        Assert.Equal(4, e.Cycle.Count);
        Assert.Equal(e.Cycle[0], e.Cycle[^1]);
        Assert.Equal(["A", "B", "C"], e.Cycle.Take(3).Order());
        // Each consecutive pair is an arrow parent → child.
        var parents = new Dictionary<string, string> { ["A"] = "C", ["B"] = "A", ["C"] = "B" };
        for (var i = 0; i + 1 < e.Cycle.Count; i++) Assert.Equal(e.Cycle[i], parents[e.Cycle[i + 1]]);
        Assert.Throws<CyclicGraphException>(() => BayesianNetwork.Define("self", [new("A", Binary, ["A"], [0.5, 0.5, 0.5, 0.5])]));
    }

    [Fact]
    [Goal("3.3-1")]
    public void A_cpd_that_does_not_sum_to_one_is_rejected_naming_the_parent_assignment()
    {
        var e = Assert.Throws<ModelDefinitionException>(() => BayesianNetwork.Define("bad",
        [
            NodeDefinition.Root("Rain", ["yes", "no"], 0.2, 0.8),
            NodeDefinition.Root("Sprinkler", ["on", "off"], 0.4, 0.6),
            new("Wet", ["yes", "no"], ["Rain", "Sprinkler"], [0.99, 0.01, 0.8, 0.2, 0.9, 0.2, 0.0, 1.0]),
        ]));
        Assert.Equal("P(Wet | Rain = no, Sprinkler = on)", e.Location);
        Assert.Contains("1.1", e.Found, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Negative_entries_wrong_sizes_and_unknown_parents_are_rejected()
    {
        var negative = Assert.Throws<ModelDefinitionException>(() => BayesianNetwork.Define("neg", [NodeDefinition.Root("A", Binary, 1.5, -0.5)]));
        Assert.Equal("P(A = 0 | no parents)", negative.Location);
        var size = Assert.Throws<ModelDefinitionException>(() => BayesianNetwork.Define("size",
            [NodeDefinition.Root("A", Binary, 0.5, 0.5), new("B", Binary, ["A"], [0.5, 0.5])]));
        Assert.Contains("4 entries", size.Expected, StringComparison.Ordinal);
        var unknown = Assert.Throws<ModelDefinitionException>(() => BayesianNetwork.Define("unknown", [new("B", Binary, ["Z"], [0.5, 0.5, 0.5, 0.5])]));
        Assert.Contains("'Z'", unknown.Found, StringComparison.Ordinal);
        var twice = Assert.Throws<ModelDefinitionException>(() => BayesianNetwork.Define("twice",
            [NodeDefinition.Root("A", Binary, 0.5, 0.5), NodeDefinition.Root("A", Binary, 0.5, 0.5)]));
        Assert.Equal("node A", twice.Location);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Variables_come_in_topological_order()
    {
        var asia = ClassicNetworks.Asia();
        var position = asia.Variables.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var v in asia.Variables)
            foreach (var parent in asia.Parents(v.Name))
                Assert.True(position[parent.Name] < position[v.Name], $"{parent} after {v}");
        Assert.Equal(1.0, new JointEnumeration(asia).Joint.Sum(), 12);
    }
}
