using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class StationaryDistributionTests
{
    // P = [[1 − a, a], [b, 1 − b]] has π = (b, a)/(a + b): the flow a·π₀ out of state 0 balances the flow b·π₁ into it.
    private static (MarkovChain Chain, double[] Pi) TwoState(double a, double b) =>
        (MarkovChain.From(new[,] { { 1 - a, a }, { b, 1 - b } }), [b / (a + b), a / (a + b)]);

    internal static double[,] RandomChain(int n, int seed)
    {
        var random = new Random(seed);
        var p = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 0.01).ToArray();
            var sum = row.Sum();
            for (var j = 0; j < n; j++) p[i, j] = row[j] / sum;
        }
        return p;
    }

    [Theory]
    [Goal("4.6-3")]
    [InlineData(0.3, 0.1)]
    [InlineData(0.9, 0.05)]
    public void The_eigenvector_matches_the_two_state_closed_form(double a, double b)
    {
        var (chain, pi) = TwoState(a, b);
        var eigen = chain.StationaryByEigenvector();
        for (var i = 0; i < 2; i++) Assert.Equal(pi[i], eigen[i], 12);
    }

    [Theory]
    [Goal("4.6-3")]
    [InlineData(0.3, 0.1)]
    [InlineData(0.9, 0.05)]
    public void The_linear_solve_matches_the_two_state_closed_form(double a, double b)
    {
        var (chain, pi) = TwoState(a, b);
        var solve = chain.StationaryBySolve();
        for (var i = 0; i < 2; i++) Assert.Equal(pi[i], solve[i], 12);
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_doubly_stochastic_chain_has_the_uniform_distribution_both_ways()
    {
        // Columns summing to 1 as well as rows make the uniform vector stationary.
        var chain = MarkovChain.From(new[,] { { 0.1, 0.6, 0.3 }, { 0.5, 0.2, 0.3 }, { 0.4, 0.2, 0.4 } });
        foreach (var pi in new[] { chain.StationaryByEigenvector(), chain.StationaryBySolve() })
            Assert.All(pi, p => Assert.Equal(1.0 / 3, p, 12));
    }

    [Theory]
    [Goal("4.6-3")]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(25)]
    public void Eigenvector_and_solve_agree_and_balance_on_random_chains(int n)
    {
        var chain = MarkovChain.From(RandomChain(n, n));
        var eigen = chain.StationaryByEigenvector();
        var solve = chain.StationaryBySolve();
        Assert.True((eigen - solve).InfinityNorm() <= 1e-10, $"gap {(eigen - solve).InfinityNorm():G3}");
        Assert.True((solve * chain.Transition - solve).InfinityNorm() <= 1e-12);
        Assert.Equal(1, eigen.Sum(), 12);
        Assert.All(eigen, p => Assert.True(p > 0));
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_limit_of_the_powers_is_the_stationary_distribution()
    {
        var chain = MarkovChain.From(StochasticProcessExperiment.ExampleChain);
        Assert.True((chain.LimitDistribution() - chain.StationaryBySolve()).InfinityNorm() <= 1e-10);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_agreement_check_catches_an_unnormalised_eigenvector()
    {
        var p = StochasticProcessExperiment.ExampleChain;
        var solve = MarkovChain.From(p).StationaryBySolve();
        var buggy = MarkovChain.From(p, StochasticBug.UnnormalisedStationary).StationaryByEigenvector();
        Assert.True((buggy - solve).InfinityNorm() > 1e-10);
        Assert.NotEqual(1, buggy.Sum(), 6);
        Assert.True((buggy * Matrix<double>.Build.DenseOfArray(p) - buggy).InfinityNorm() <= 1e-12, "the bug keeps an eigenvector, only its scale is wrong");
    }
}
