using StatelessMind.Labs.MathFoundations.Probability;

namespace StatelessMind.Labs.MathFoundations.Tests.Probability;

[Goal("1.5-3")]
public sealed class ChiSquareTests
{
    [Fact]
    public void The_statistic_of_a_hand_worked_die_is_the_sum_of_squared_gaps_over_expected()
    {
        // 60 rolls, expected 10 each; gaps −2, 0, +2, −1, +1, 0 → (4 + 0 + 4 + 1 + 1 + 0)/10 = 1.0
        Assert.Equal(1.0, ChiSquareTest.Statistic([8, 10, 12, 9, 11, 10], [10, 10, 10, 10, 10, 10]), 12);
        var fit = ChiSquareTest.Test([8, 10, 12, 9, 11, 10], Enumerable.Repeat(1.0 / 6, 6).ToArray());
        Assert.Equal(5, fit.DegreesOfFreedom);
        Assert.True(fit.PValue > 0.9);
    }

    [Fact]
    public void Counts_far_from_the_model_give_a_tiny_p_value()
    {
        var fit = ChiSquareTest.Test([100, 0, 0, 0, 0, 20], Enumerable.Repeat(1.0 / 6, 6).ToArray());
        Assert.True(fit.PValue < 1e-10, $"p = {fit.PValue}");
    }

    [Fact]
    public void Bins_expected_to_hold_fewer_than_five_are_merged_from_the_tails()
    {
        var (o, e) = ChiSquareTest.MergeSmallBins([1, 2, 50, 40, 3], [0.01, 0.02, 0.5, 0.44, 0.03], 100);
        Assert.Equal([53, 43], o);
        Assert.Equal(53, e[0], 9);
        Assert.Equal(47, e[1], 9);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_probabilities_are_typed_errors()
    {
        Assert.Throws<ArgumentException>(() => ChiSquareTest.Test([1, 2], [1.0]));
        Assert.Equal("probabilities[1]", Assert.Throws<DistributionParameterException>(() => ChiSquareTest.Test([1, 2], [0.5, 1.5])).Parameter);
    }
}
