using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class StochasticInputTests
{
    [Fact]
    [Goal("4.6-3")]
    public void A_matrix_that_is_not_square_or_is_empty_is_refused()
    {
        var e = Assert.Throws<TransitionMatrixShapeException>(() => MarkovChain.From(new double[2, 3]));
        Assert.Equal((2, 3), (e.Rows, e.Columns));
        Assert.Throws<TransitionMatrixShapeException>(() => MarkovChain.From(new double[0, 0]));
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_negative_or_non_finite_entry_is_refused_naming_it()
    {
        var e = Assert.Throws<NegativeTransitionException>(() => MarkovChain.From(new[,] { { 0.5, 0.5 }, { 1.2, -0.2 } }));
        Assert.Equal((1, 1, -0.2), (e.Row, e.Column, e.Value));
        Assert.Throws<NegativeTransitionException>(() => MarkovChain.From(new[,] { { double.NaN, 1 }, { 0.5, 0.5 } }));
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_row_not_summing_to_one_is_refused_naming_the_row()
    {
        var e = Assert.Throws<RowSumException>(() => MarkovChain.From(new[,] { { 0.5, 0.5, 0 }, { 0.2, 0.2, 0.2 }, { 0, 0, 1 } }));
        Assert.Equal(1, e.Row);
        Assert.Equal(0.6, e.Sum, 12);
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_reducible_chain_has_no_unique_stationary_distribution()
    {
        // State 2 is absorbing: it cannot reach 0 or 1.
        var chain = MarkovChain.From(new[,] { { 0.5, 0.3, 0.2 }, { 0.4, 0.4, 0.2 }, { 0, 0, 1 } });
        var e = Assert.Throws<ReducibleChainException>(chain.StationaryBySolve);
        Assert.Equal((2, 0), (e.From, e.To));
        Assert.Throws<ReducibleChainException>(chain.StationaryByEigenvector);
        Assert.Throws<ReducibleChainException>(chain.LimitDistribution);
        // Two closed classes: state 1 cannot be reached from state 0.
        Assert.Equal(1, Assert.Throws<ReducibleChainException>(MarkovChain.From(new double[,] { { 1, 0 }, { 0, 1 } }).StationaryBySolve).To);
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_periodic_chain_has_a_stationary_distribution_but_no_limit()
    {
        // 0 → {1, 2} → 0: every cycle has even length.
        var chain = MarkovChain.From(new[,] { { 0, 0.5, 0.5 }, { 1, 0, 0 }, { 1, 0, 0 } });
        Assert.Equal(2, chain.Period());
        Assert.Equal(2, Assert.Throws<PeriodicChainException>(chain.LimitDistribution).Period);
        Assert.Equal(3, MarkovChain.From(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } }).Period());
        Assert.Equal(1, MarkovChain.From(StochasticProcessExperiment.ExampleChain).Period());
    }

    [Fact]
    [Goal("4.6-3")]
    public void Bad_rates_horizons_and_samples_are_refused()
    {
        Assert.Throws<InvalidRateException>(() => new PoissonProcess(0));
        Assert.Throws<InvalidRateException>(() => new PoissonProcess(double.NaN));
        Assert.Throws<InvalidRateException>(() => new PoissonProcess(1).Simulate(-1, new Random(1)));
        Assert.Throws<TooFewBinsException>(() => GoodnessOfFit.KolmogorovSmirnov([], x => x));
        // Three windows expect 12 arrivals in all: not enough for two bins of five each.
        Assert.Throws<TooFewBinsException>(() => GoodnessOfFit.ChiSquarePoisson([4, 4, 4], 4));
        Assert.Throws<InvalidRateException>(() => GoodnessOfFit.ChiSquarePoisson([1, 2], -1));
    }
}
