using StatelessMind.Labs.ProbabilisticModels.Markov;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Markov;

/// <summary>Exercise 3.3-1b: the fundamental matrix, against the closed forms of gambler's ruin and of retries.</summary>
public sealed class AbsorbingChainTests
{
    [Theory]
    [Goal("3.3-1")]
    [InlineData(10, 0.5)]
    [InlineData(10, 0.45)]
    [InlineData(60, 0.5)]
    [InlineData(7, 0.7)]
    public void Gamblers_ruin_matches_its_closed_forms(int n, double p)
    {
        var analysis = ExampleChains.GamblersRuin(n, p).Absorbing();
        Assert.Equal([0, n], analysis.AbsorbingStates);
        for (var row = 0; row < analysis.TransientStates.Count; row++)
        {
            var i = analysis.TransientStates[row];
            Assert.Equal(ExampleChains.RuinWinProbability(n, p, i), analysis.AbsorptionProbabilities[row, 1], 9);
            Assert.Equal(1.0, analysis.AbsorptionProbabilities[row, 0] + analysis.AbsorptionProbabilities[row, 1], 9);
            var expected = ExampleChains.RuinExpectedDuration(n, p, i);
            Assert.True(Math.Abs(analysis.ExpectedSteps[row] - expected) <= 1e-9 * expected, $"from {i}: {analysis.ExpectedSteps[row]} vs {expected}");
        }
    }

    [Fact]
    [Goal("3.3-1")]
    public void Retries_succeed_with_probability_one_minus_q_to_the_k()
    {
        const int k = 5;
        const double p = 0.2;
        var analysis = ExampleChains.Retries(k, p).Absorbing();
        Assert.Equal(1 - Math.Pow(1 - p, k), analysis.AbsorptionProbabilities[0, 0], 12);
        Assert.Equal((1 - Math.Pow(1 - p, k)) / p, analysis.ExpectedSteps[0], 12);
        // N[i, j] counts the expected visits to attempt j from attempt i: (1 − p)^(j − i) for j ≥ i.
        Assert.Equal(Math.Pow(1 - p, 2), analysis.Fundamental[1, 3], 12);
        Assert.Equal(0.0, analysis.Fundamental[3, 1], 12);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Planted_bug_off_by_one_steps_is_caught_by_the_closed_form()
    {
        var analysis = ExampleChains.GamblersRuin(10, 0.5, ChainBug.ExpectedStepsOffByOne).Absorbing();
        Assert.NotEqual(ExampleChains.RuinExpectedDuration(10, 0.5, 5), analysis.ExpectedSteps[4], 6);
    }

    [Fact]
    [Goal("3.3-1")]
    public void A_chain_without_a_reachable_absorbing_state_is_rejected()
    {
        var none = Assert.Throws<ModelDefinitionException>(() => ExampleChains.NodeHealth().Absorbing());
        Assert.Contains("absorbing", none.Expected, StringComparison.Ordinal);
        var trapped = Assert.Throws<ModelDefinitionException>(() =>
            MarkovChain.FromRows(["a", "b", "c", "end"], [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 1]]).Absorbing());
        Assert.Equal("state a", trapped.Location);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Simulated_ruin_agrees_with_the_fundamental_matrix()
    {
        var chain = ExampleChains.GamblersRuin(8, 0.45);
        var analysis = chain.Absorbing();
        var random = new Random(5);
        const int walks = 20_000;
        var wins = 0;
        for (var w = 0; w < walks; w++)
            if (chain.WalkToAbsorption(4, random).State == 8) wins++;
        var p = analysis.AbsorptionProbabilities[3, 1];
        Assert.True(Math.Abs((double)wins / walks - p) <= 4.5 * Math.Sqrt(p * (1 - p) / walks), $"{(double)wins / walks} vs {p}");
    }
}
