using StatelessMind.Labs.NumericalMethods.Hypothesis;

namespace StatelessMind.Labs.NumericalMethods.Tests.Hypothesis;

public sealed class HypothesisTestsTests
{
    private readonly HypothesisTests _tests = new();

    [Fact]
    [Goal("2.4-1")]
    public void Welch_statistic_matches_its_formula_on_a_small_example()
    {
        // x: mean 3, s² = 2.5 (n 5); y: mean 6, s² = 10/3 (n 4). a = 0.5, b = 5/6.
        double[] x = [1, 2, 3, 4, 5], y = [4, 5, 7, 8];
        var (t, df) = HypothesisTests.WelchStatistic(x, y);
        double a = 0.5, b = 5.0 / 6;
        Assert.Equal(-3 / Math.Sqrt(a + b), t, 12);
        Assert.Equal((a + b) * (a + b) / (a * a / 4 + b * b / 3), df, 12);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Welch_with_equal_sizes_and_variances_is_the_pooled_t_test()
    {
        double[] x = [1, 2, 3, 4, 5], y = [3, 4, 5, 6, 7];
        var (t, df) = HypothesisTests.WelchStatistic(x, y);
        Assert.Equal(8, df, 12);
        Assert.Equal(-2 / Math.Sqrt(2.5 * (1 / 5.0 + 1 / 5.0)), t, 12);
    }

    [Fact]
    [Goal("2.4-1")]
    public void P_values_with_one_and_two_degrees_of_freedom_match_the_closed_forms()
    {
        // t with 1 df is Cauchy: p = 1 − (2/π) atan|t|. With 2 df: p = 1 − |t|/√(t² + 2).
        var one = _tests.OneSampleT([0, 2], 0.5);
        Assert.Equal(1, one.DegreesOfFreedom);
        Assert.Equal(1 - 2 / Math.PI * Math.Atan(Math.Abs(one.Statistic)), one.PValue, 12);
        var two = _tests.OneSampleT([1, 2, 4.5], 0);
        Assert.Equal(1 - Math.Abs(two.Statistic) / Math.Sqrt(two.Statistic * two.Statistic + 2), two.PValue, 12);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Chi_square_p_values_match_the_closed_forms()
    {
        // 2 df: P(X ≥ x) = e^(−x/2). 1 df (a 2 × 2 table): P = erfc(√(x/2)).
        var fit = _tests.ChiSquareGoodnessOfFit([30, 50, 20], [0.3, 0.4, 0.3]);
        Assert.Equal(2, fit.DegreesOfFreedom);
        Assert.Equal(Math.Exp(-fit.Statistic / 2), fit.PValue, 12);
        var independence = _tests.ChiSquareIndependence(new long[,] { { 20, 30 }, { 35, 15 } });
        Assert.Equal(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(independence.Statistic / 2)), independence.PValue, 12);
    }

    [Fact]
    [Goal("2.4-1")]
    public void P_values_match_tails_integrated_from_the_densities()
    {
        var random = new Random(3);
        for (var i = 0; i < 20; i++)
        {
            var x = Enumerable.Range(0, 5 + i).Select(_ => random.NextDouble() * 10).ToArray();
            var y = Enumerable.Range(0, 9 + i / 2).Select(_ => random.NextDouble() * 12).ToArray();
            var welch = _tests.WelchT(x, y);
            Assert.Equal(ReferenceTails.StudentTTwoSided(welch.Statistic, welch.DegreesOfFreedom), welch.PValue, 9);
            var paired = _tests.PairedT(x, x.Select(v => v + random.NextDouble() - 0.4).ToArray());
            Assert.Equal(ReferenceTails.StudentTTwoSided(paired.Statistic, paired.DegreesOfFreedom), paired.PValue, 9);
        }
        var fit = _tests.ChiSquareGoodnessOfFit([18, 22, 9, 31, 20], [0.2, 0.2, 0.2, 0.2, 0.2]);
        Assert.Equal(ReferenceTails.ChiSquareUpper(fit.Statistic, 4), fit.PValue, 9);
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_paired_test_is_the_one_sample_test_of_the_differences()
    {
        double[] before = [10, 12, 9, 14, 11], after = [11, 14, 9.5, 15, 13];
        var paired = _tests.PairedT(before, after);
        var oneSample = _tests.OneSampleT([1, 2, 0.5, 1, 2], 0);
        Assert.Equal(oneSample.Statistic, paired.Statistic, 12);
        Assert.Equal(oneSample.PValue, paired.PValue, 12);
    }

    [Fact]
    [Goal("2.4-1")]
    public void The_reference_check_catches_a_one_tailed_p_value()
    {
        var buggy = new HypothesisTests(HypothesisTestBug.OneTailOnly).WelchT([1, 2, 3, 4, 5], [4, 5, 7, 8]);
        var reference = ReferenceTails.StudentTTwoSided(buggy.Statistic, buggy.DegreesOfFreedom);
        Assert.True(Math.Abs(buggy.PValue - reference) > 1e-3);
        Assert.Equal(reference / 2, buggy.PValue, 9);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Samples_a_test_cannot_use_are_refused_by_name()
    {
        var constant = Assert.Throws<DegenerateSampleException>(() => _tests.WelchT([1, 2, 3], [4, 4, 4], "control", "treatment"));
        Assert.Equal("treatment", constant.Sample);
        Assert.Contains("no spread", constant.Message, StringComparison.Ordinal);
        var single = Assert.Throws<DegenerateSampleException>(() => _tests.OneSampleT([1], 0, "x"));
        Assert.Contains("at least 2", single.Message, StringComparison.Ordinal);
        var pairs = Assert.Throws<DegenerateSampleException>(() => _tests.PairedT([1, 2, 3], [1, 2]));
        Assert.Contains("one 'after' per 'before'", pairs.Message, StringComparison.Ordinal);
        var probabilities = Assert.Throws<DegenerateSampleException>(() => _tests.ChiSquareGoodnessOfFit([1, 2], [0.5, 0.6]));
        Assert.Equal("probabilities", probabilities.Sample);
        Assert.Throws<DegenerateSampleException>(() => _tests.ChiSquareIndependence(new long[,] { { 0, 0 }, { 3, 4 } }));
    }
}
