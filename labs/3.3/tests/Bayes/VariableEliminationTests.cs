using StatelessMind.Labs.ProbabilisticModels.Bayes;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Bayes;

/// <summary>Exercise 3.3-1d: variable elimination against enumeration of the joint on sprinkler and asia.</summary>
public sealed class VariableEliminationTests
{
    public static TheoryData<string> Networks => new() { "sprinkler", "asia" };

    private static BayesianNetwork Network(string name) => name == "asia" ? ClassicNetworks.Asia() : ClassicNetworks.Sprinkler();

    [Theory]
    [Goal("3.3-1")]
    [MemberData(nameof(Networks))]
    public void Elimination_equals_enumeration_for_every_query_with_up_to_two_observations(string name)
    {
        var network = Network(name);
        var joint = new JointEnumeration(network);
        var count = 0;
        foreach (var (query, evidence) in ChainsAndNetworksExperiment.InferenceCases(network, joint))
        {
            var ve = VariableElimination.Query(network, [query], evidence);
            var reference = joint.Query([query], evidence);
            for (var i = 0; i < ve.Values.Length; i++)
                Assert.True(Math.Abs(ve.Values[i] - reference.Values[i]) < 1e-12, $"P({query} | {string.Join(", ", evidence)})");
            count++;
        }
        Assert.True(count > 50, $"only {count} queries");
    }

    [Fact]
    [Goal("3.3-1")]
    public void Sprinkler_posterior_of_rain_given_wet_grass_by_hand()
    {
        // P(R, W) = Σ_c Σ_s P(c) P(s|c) P(R|c) P(W|s,R), written out with the published tables.
        double[] pc = [0.5, 0.5];
        double[,] ps = { { 0.1, 0.9 }, { 0.5, 0.5 } }, pr = { { 0.8, 0.2 }, { 0.2, 0.8 } };
        double[,] pw = { { 0.99, 0.9 }, { 0.9, 0.0 } }; // P(W = true | s, r)
        double Joint(int r)
        {
            var sum = 0.0;
            for (var c = 0; c < 2; c++)
                for (var s = 0; s < 2; s++)
                    sum += pc[c] * ps[c, s] * pr[c, r] * pw[s, r];
            return sum;
        }
        var expected = Joint(0) / (Joint(0) + Joint(1));
        var answer = VariableElimination.Query(ClassicNetworks.Sprinkler(), ["Rain"], new Dictionary<string, string> { ["WetGrass"] = "true" });
        Assert.Equal(expected, answer.Probability("true"), 12);
        Assert.True(expected > 0.7 && expected < 0.71, $"{expected}"); // R&N's 0.7079 to the printed digits
    }

    [Fact]
    [Goal("3.3-1")]
    public void Joint_queries_and_explaining_away()
    {
        var asia = ClassicNetworks.Asia();
        var joint = new JointEnumeration(asia);
        var both = VariableElimination.Query(asia, ["Tub", "Lung"], new Dictionary<string, string> { ["Xray"] = "yes" });
        var reference = joint.Query(["Tub", "Lung"], new Dictionary<string, string> { ["Xray"] = "yes" });
        Assert.Equal(reference.Values.Length, both.Values.Length);
        for (var i = 0; i < both.Values.Length; i++) Assert.Equal(reference.Values[i], both.Values[i], 12);
        // Explaining away: given dyspnoea, learning of bronchitis lowers the belief in lung cancer.
        var dysp = VariableElimination.Query(asia, ["Lung"], new Dictionary<string, string> { ["Dysp"] = "yes" }).Probability("yes");
        var withBronc = VariableElimination.Query(asia, ["Lung"], new Dictionary<string, string> { ["Dysp"] = "yes", ["Bronc"] = "yes" }).Probability("yes");
        Assert.True(withBronc < dysp, $"{withBronc} should be below {dysp}");
    }

    [Fact]
    [Goal("3.3-1")]
    public void The_elimination_loop_alone_sums_out_the_order_given()
    {
        var a = new Variable("A", ["0", "1"]);
        var b = new Variable("B", ["0", "1"]);
        var fa = new Factor([a], [0.3, 0.7]);
        var fba = new Factor([a, b], [0.9, 0.1, 0.2, 0.8]); // P(B | A)
        var marginalB = VariableElimination.Eliminate([fa, fba], [a]);
        Assert.Equal([b], marginalB.Variables);
        Assert.Equal(0.3 * 0.9 + 0.7 * 0.2, marginalB.Values[0], 12);
        Assert.Equal(0.3 * 0.1 + 0.7 * 0.8, marginalB.Values[1], 12);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Planted_bug_evidence_only_in_its_own_cpd_is_caught_by_enumeration()
    {
        var sprinkler = ClassicNetworks.Sprinkler();
        var evidence = new Dictionary<string, string> { ["Cloudy"] = "true" };
        var right = new JointEnumeration(sprinkler).Query(["WetGrass"], evidence).Probability("true");
        var wrong = VariableElimination.Query(sprinkler, ["WetGrass"], evidence, InferenceBug.EvidenceOnlyInOwnCpd).Probability("true");
        Assert.True(Math.Abs(right - wrong) > 1e-3, $"{right} vs {wrong}");
    }
}
