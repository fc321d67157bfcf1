using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.ProbabilisticModels.Markov;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Markov;

/// <summary>Exercise 3.3-1a: the stationary distribution (and n-step distributions, not part of the task), against hand-computed and closed-form values.</summary>
public sealed class MarkovChainTests
{
    private static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    [Fact]
    [Goal("3.3-1")]
    public void Two_state_chain_has_the_closed_form_stationary_distribution_and_n_step_law()
    {
        // P = [[1−a, a], [b, 1−b]]: π = (b, a)/(a + b), and π₀Pⁿ = π + (1 − a − b)ⁿ (π₀ − π).
        const double a = 0.3, b = 0.1;
        var chain = MarkovChain.FromRows(["up", "down"], [[1 - a, a], [b, 1 - b]]);
        var pi = chain.Stationary();
        Assert.Equal(b / (a + b), pi[0], 12);
        Assert.Equal(a / (a + b), pi[1], 12);
        var start = V(1, 0);
        foreach (var n in new[] { 0, 1, 2, 7, 30 })
        {
            var expected = pi + (start - pi) * Math.Pow(1 - a - b, n);
            var actual = chain.Distribution(start, n);
            Assert.True((actual - expected).AbsoluteMaximum() < 1e-12, $"n = {n}: {actual} vs {expected}");
        }
    }

    [Fact]
    [Goal("3.3-1")]
    public void Stationary_distribution_of_the_node_health_chain_is_a_fixed_point_and_the_limit()
    {
        var chain = ExampleChains.NodeHealth();
        var pi = chain.Stationary();
        Assert.Equal(1.0, pi.Sum(), 12);
        Assert.True((chain.Transitions.LeftMultiply(pi) - pi).AbsoluteMaximum() < 1e-12);
        var far = chain.Distribution(V(0, 0, 1, 0), 400);
        Assert.True((far - pi).AbsoluteMaximum() < 1e-12, "π₀P⁴⁰⁰ should have reached π");
    }

    [Fact]
    [Goal("3.3-1")]
    public void A_doubly_stochastic_chain_has_the_uniform_stationary_distribution()
    {
        var chain = MarkovChain.FromRows(["a", "b", "c"], [[0.2, 0.5, 0.3], [0.5, 0.1, 0.4], [0.3, 0.4, 0.3]]);
        var pi = chain.Stationary();
        Assert.All(pi, p => Assert.Equal(1.0 / 3, p, 12));
    }

    [Fact]
    [Goal("3.3-1")]
    public void Planted_bug_solving_with_P_instead_of_its_transpose_fails_the_fixed_point_check()
    {
        var chain = ExampleChains.NodeHealth(ChainBug.StationaryFromUntransposedMatrix);
        var pi = chain.Stationary();
        Assert.True((chain.Transitions.LeftMultiply(pi) - pi).AbsoluteMaximum() > 1e-3);
    }

    [Fact]
    [Goal("3.3-1")]
    public void A_bad_transition_matrix_is_rejected_naming_the_row()
    {
        var sum = Assert.Throws<ModelDefinitionException>(() => MarkovChain.FromRows(["a", "b"], [[0.5, 0.5], [0.7, 0.2]]));
        Assert.Equal("row 1 (b)", sum.Location);
        Assert.Contains("summing to 1", sum.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ModelDefinitionException>(() => MarkovChain.FromRows(["a", "b"], [[1.2, -0.2], [0.5, 0.5]]));
        Assert.Contains("column 1 (b)", negative.Location, StringComparison.Ordinal);
        var shape = Assert.Throws<ModelDefinitionException>(() => MarkovChain.FromRows(["a", "b"], [[1.0], [0.5, 0.5]]));
        Assert.Contains("2 rows of 2", shape.Expected, StringComparison.Ordinal);
        var reducible = Assert.Throws<ModelDefinitionException>(() => MarkovChain.FromRows(["a", "b"], [[1, 0], [0, 1]]).Stationary());
        Assert.Contains("irreducible", reducible.Expected, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Simulated_walks_end_where_the_n_step_distribution_says()
    {
        var chain = ExampleChains.NodeHealth();
        var exact = chain.Distribution(V(1, 0, 0, 0), 4);
        var random = new Random(11);
        const int walks = 40_000;
        var counts = new int[4];
        for (var w = 0; w < walks; w++) counts[chain.Walk(0, 4, random)]++;
        for (var s = 0; s < 4; s++)
        {
            var se = Math.Sqrt(exact[s] * (1 - exact[s]) / walks);
            Assert.True(Math.Abs((double)counts[s] / walks - exact[s]) <= 4.5 * se, $"state {s}: {(double)counts[s] / walks} vs {exact[s]}");
        }
    }
}
