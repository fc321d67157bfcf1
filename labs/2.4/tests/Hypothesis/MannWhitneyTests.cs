using StatelessMind.Labs.NumericalMethods.Bayes;
using StatelessMind.Labs.NumericalMethods.Hypothesis;

namespace StatelessMind.Labs.NumericalMethods.Tests.Hypothesis;

public sealed class MannWhitneyTests
{
    private static double Binomial(int n, int k) => Math.Round(Math.Exp(MathNet.Numerics.SpecialFunctions.BinomialLn(n, k)));

    [Fact]
    [Goal("2.4-1")]
    public void The_smallest_distributions_are_counted_by_hand()
    {
        // n₁ = 1, n₂ = 2: the one x is below both, between, or above both y: U = 0, 1, 2 once each.
        Assert.Equal([1, 1, 1], MannWhitneyDistribution.Counts(1, 2));
        // n₁ = n₂ = 2: orderings xxyy → U 4, xyxy 3, xyyx 2, yxxy 2, yxyx 1, yyxx 0.
        Assert.Equal([1, 1, 2, 1, 1], MannWhitneyDistribution.Counts(2, 2));
    }

    [Fact]
    [Goal("2.4-1")]
    public void The_counts_add_up_to_every_ordering_and_are_symmetric()
    {
        foreach (var (n1, n2) in new[] { (3, 5), (7, 7), (10, 4), (12, 13) })
        {
            var counts = MannWhitneyDistribution.Counts(n1, n2);
            Assert.Equal(n1 * n2 + 1, counts.Length);
            Assert.Equal(Binomial(n1 + n2, n1), counts.Sum());
            for (var u = 0; u <= n1 * n2; u++) Assert.Equal(counts[u], counts[n1 * n2 - u]);
        }
    }

    [Fact]
    [Goal("2.4-1")]
    public void Exact_p_values_equal_brute_force_enumeration()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 15; trial++)
        {
            var x = Enumerable.Range(0, 4 + trial % 5).Select(_ => random.NextDouble()).ToArray();
            var y = Enumerable.Range(0, 3 + trial % 6).Select(_ => random.NextDouble() + 0.2).ToArray();
            var result = new HypothesisTests().MannWhitneyU(x, y);
            Assert.Equal(ReferenceTails.MannWhitneyByEnumeration(x, y), result.PValue, 12);
        }
    }

    [Fact]
    [Goal("2.4-1")]
    public void The_normal_approximation_is_close_to_the_exact_test_for_larger_samples()
    {
        var random = new Random(4);
        var x = Enumerable.Range(0, 30).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 25).Select(_ => random.NextDouble() + 0.15).ToArray();
        var exact = new MannWhitneyDistribution(30, 25).TwoSidedPValue(new HypothesisTests().UStatistic(x, y));
        var withTie = x.Append(y[0]).ToArray(); // one tie forces the approximation
        var approximate = new HypothesisTests().MannWhitneyU(withTie, y);
        Assert.Contains("normal approximation", approximate.Test, StringComparison.Ordinal);
        Assert.InRange(Math.Abs(approximate.PValue - exact), 0, 0.02);
    }

    [Fact]
    [Goal("2.4-1")]
    public void U_counts_half_a_win_per_tie_as_the_rank_sum_says()
    {
        double[] x = [1, 2, 2, 3, 5], y = [2, 3, 4, 4];
        var tests = new HypothesisTests();
        Assert.Equal(BayesianInferenceExperiment.RankSumU(x, y), tests.UStatistic(x, y), 12);
        Assert.Equal(x.Length * y.Length, tests.UStatistic(x, y) + tests.UStatistic(y, x), 12);
        var buggy = new HypothesisTests(HypothesisTestBug.TiesCountAsWins);
        Assert.NotEqual(BayesianInferenceExperiment.RankSumU(x, y), buggy.UStatistic(x, y));
    }

    [Fact]
    [Goal("2.4-1")]
    public void An_empty_sample_is_refused()
    {
        var error = Assert.Throws<DegenerateSampleException>(() => new HypothesisTests().MannWhitneyU([], [1.0]));
        Assert.Equal("x", error.Sample);
    }
}
