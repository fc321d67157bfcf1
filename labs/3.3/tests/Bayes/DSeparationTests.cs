using StatelessMind.Labs.ProbabilisticModels.Bayes;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Bayes;

/// <summary>Exercise 3.3-1e: d-separation, by the textbook cases and against independence measured in the joint.</summary>
public sealed class DSeparationTests
{
    [Fact]
    [Goal("3.3-1")]
    public void Chains_forks_and_colliders_block_and_open_as_the_rules_say()
    {
        var asia = ClassicNetworks.Asia();
        Assert.False(DSeparation.AreSeparated(asia, ["Asia"], ["Xray"], []));           // chain Asia → Tub → Either → Xray
        Assert.True(DSeparation.AreSeparated(asia, ["Asia"], ["Xray"], ["Tub"]));       // … blocked by observing Tub
        Assert.False(DSeparation.AreSeparated(asia, ["Lung"], ["Bronc"], []));         // fork at Smoke
        Assert.True(DSeparation.AreSeparated(asia, ["Lung"], ["Bronc"], ["Smoke"]));   // … blocked
        Assert.True(DSeparation.AreSeparated(asia, ["Tub"], ["Lung"], []));            // collider Either, unobserved
        Assert.False(DSeparation.AreSeparated(asia, ["Tub"], ["Lung"], ["Either"]));   // … opened by observing it
        Assert.False(DSeparation.AreSeparated(asia, ["Tub"], ["Lung"], ["Xray"]));     // … or a descendant
        Assert.True(DSeparation.AreSeparated(asia, ["Asia"], ["Smoke"], ["Dysp", "Either"]) == false); // Asia→Tub→Either←Lung←Smoke opened
        Assert.True(DSeparation.AreSeparated(asia, ["Asia"], ["Smoke"], ["Xray", "Tub"])); // Tub blocks the chain before the collider
    }

    [Theory]
    [Goal("3.3-1")]
    [InlineData("sprinkler", 3)]
    [InlineData("asia", 4)]
    public void D_separation_equals_independence_in_the_joint_with_random_tables(string name, int seed)
    {
        var network = name == "asia" ? ClassicNetworks.Asia() : ClassicNetworks.Sprinkler();
        var joint = new JointEnumeration(network.WithRandomTables(new Random(seed)));
        var names = network.Variables.Select(v => v.Name).ToList();
        int separated = 0, total = 0;
        foreach (var (x, y, z) in ChainsAndNetworksExperiment.SeparationCases(names))
        {
            var graph = DSeparation.AreSeparated(network, [x], [y], z);
            Assert.True(graph == joint.Independent([x], [y], z), $"{x} ⟂ {y} | {{{string.Join(", ", z)}}}: graph says {graph}");
            total++;
            if (graph) separated++;
        }
        Assert.InRange(separated, 1, total - 1); // both verdicts occur
    }

    [Fact]
    [Goal("3.3-1")]
    public void Planted_bug_colliders_never_opening_is_caught()
    {
        var asia = ClassicNetworks.Asia();
        Assert.True(DSeparation.AreSeparated(asia, ["Tub"], ["Lung"], ["Either"], InferenceBug.CollidersNeverOpen));
        var joint = new JointEnumeration(asia.WithRandomTables(new Random(1)));
        Assert.False(joint.Independent(["Tub"], ["Lung"], ["Either"])); // the joint disagrees, so the check fails on the bug
    }
}
