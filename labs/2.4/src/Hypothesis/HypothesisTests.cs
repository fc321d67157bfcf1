using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>
/// Frequentist tests, written here in statsmodels' and SciPy's role: t-tests (one-sample, Welch's two-sample,
/// paired), Pearson's chi-square (goodness of fit, independence), and Mann–Whitney U (exact for small samples without
/// ties, else the normal approximation with tie and continuity corrections). The statistics are computed here; the
/// tail probabilities come from MathNet's distributions (Student's t, chi-square, normal) and, for the exact
/// Mann–Whitney test, from <see cref="MannWhitneyDistribution"/>.
/// </summary>
public sealed class HypothesisTests(HypothesisTestBug bug = HypothesisTestBug.None)
{
    /// <summary>The exact Mann–Whitney distribution is used when there are no ties and n₁·n₂ is at most this.</summary>
    public const int ExactMannWhitneyLimit = 2500;

    /// <summary>H₀: the mean of <paramref name="sample"/> is <paramref name="mean0"/>. t = (x̄ − μ₀)/(s/√n), n − 1 df.</summary>
    public TestResult OneSampleT(double[] sample, double mean0, string name = "x")
    {
        RequireSpread("one-sample t-test", name, sample);
        var n = sample.Length;
        var mean = sample.Average();
        var variance = sample.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var t = (mean - mean0) / Math.Sqrt(variance / n);
        return new TestResult("one-sample t", t, n - 1, TwoSidedT(t, n - 1), $"Student t, {n - 1} df");
    }

    /// <summary>H₀: the two samples come from populations with the same mean, variances not assumed equal (Welch).</summary>
    public TestResult WelchT(double[] first, double[] second, string firstName = "x", string secondName = "y")
    {
        RequireSpread("Welch t-test", firstName, first);
        RequireSpread("Welch t-test", secondName, second);
        var (t, df) = WelchStatistic(first, second);
        return new TestResult("Welch two-sample t", t, df, TwoSidedT(t, df), $"Student t, {df:0.##} df (Welch–Satterthwaite)");
    }

    /// <summary>H₀: the mean difference of paired observations is zero: a one-sample t-test of the differences.</summary>
    public TestResult PairedT(double[] before, double[] after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Length != after.Length)
            throw new DegenerateSampleException("paired t-test", "after", $"has {after.Length} values but 'before' has {before.Length}: a paired test needs one 'after' per 'before'");
        var differences = before.Zip(after, (b, a) => a - b).ToArray();
        return OneSampleT(differences, 0, "after − before") with { Test = "paired t" };
    }

    /// <summary>Pearson's goodness of fit: observed counts against category probabilities (which must sum to 1);
    /// k − 1 − <paramref name="estimatedParameters"/> degrees of freedom.</summary>
    public TestResult ChiSquareGoodnessOfFit(long[] observed, double[] probabilities, int estimatedParameters = 0)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (observed.Length != probabilities.Length || observed.Length < 2)
            throw new DegenerateSampleException("chi-square goodness of fit", "observed", $"has {observed.Length} categories for {probabilities.Length} probabilities; give at least two, one count per probability");
        if (observed.Any(o => o < 0)) throw new DegenerateSampleException("chi-square goodness of fit", "observed", "holds a negative count");
        if (Math.Abs(probabilities.Sum() - 1) > 1e-9 || probabilities.Any(p => p <= 0))
            throw new DegenerateSampleException("chi-square goodness of fit", "probabilities", $"must be positive and sum to 1 (they sum to {probabilities.Sum():R})");
        var total = observed.Sum();
        var statistic = observed.Select((o, i) => Square(o - total * probabilities[i]) / (total * probabilities[i])).Sum();
        var df = observed.Length - 1 - estimatedParameters;
        if (df < 1) throw new DegenerateSampleException("chi-square goodness of fit", "observed", $"leaves {df} degrees of freedom after {estimatedParameters} estimated parameters");
        return new TestResult("chi-square goodness of fit", statistic, df, MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2), $"chi-square, {df} df");
    }

    /// <summary>Pearson's test of independence for an r × c contingency table (no continuity correction):
    /// expected counts rowᵢ·colⱼ/N, (r − 1)(c − 1) degrees of freedom.</summary>
    public TestResult ChiSquareIndependence(long[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int rows = table.GetLength(0), columns = table.GetLength(1);
        if (rows < 2 || columns < 2) throw new DegenerateSampleException("chi-square independence", "table", $"is {rows} × {columns}; it needs at least 2 × 2");
        var rowSums = Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Sum(j => (double)table[i, j])).ToArray();
        var columnSums = Enumerable.Range(0, columns).Select(j => Enumerable.Range(0, rows).Sum(i => (double)table[i, j])).ToArray();
        var total = rowSums.Sum();
        if (rowSums.Any(s => s == 0) || columnSums.Any(s => s == 0))
            throw new DegenerateSampleException("chi-square independence", "table", "has a row or column of zeros: its expected counts would be zero");
        var statistic = 0.0;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
            {
                var expected = rowSums[i] * columnSums[j] / total;
                statistic += Square(table[i, j] - expected) / expected;
            }
        var df = (rows - 1) * (columns - 1);
        return new TestResult("chi-square independence", statistic, df, MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2), $"chi-square, {df} df");
    }

    /// <summary>H₀: a value of the first sample is as likely to exceed a value of the second as the reverse.
    /// U = #{(x, y): x &gt; y} + ½ #{x = y}. Exact p-value without ties when n₁·n₂ ≤ <see cref="ExactMannWhitneyLimit"/>;
    /// else z = (|U − n₁n₂/2| − ½)/σ with σ² = n₁n₂/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))) over tie groups of size t.</summary>
    public TestResult MannWhitneyU(double[] first, double[] second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length == 0) throw new DegenerateSampleException("Mann–Whitney U", "x", "is empty");
        if (second.Length == 0) throw new DegenerateSampleException("Mann–Whitney U", "y", "is empty");
        var u = UStatistic(first, second);
        int n1 = first.Length, n2 = second.Length;
        var pooled = first.Concat(second).ToArray();
        var tieGroups = pooled.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1).ToList();
        if (tieGroups.Count == 0 && (long)n1 * n2 <= ExactMannWhitneyLimit)
        {
            var p = new MannWhitneyDistribution(n1, n2).TwoSidedPValue(u);
            return new TestResult("Mann–Whitney U (exact)", u, double.NaN, Halved(p), $"exact null distribution of U, n₁ = {n1}, n₂ = {n2}");
        }
        var n = (double)(n1 + n2);
        var variance = n1 * (double)n2 / 12 * (n + 1 - tieGroups.Sum(t => t * t * t - t) / (n * (n - 1)));
        if (variance <= 0) throw new DegenerateSampleException("Mann–Whitney U", "x and y", "are all one value: U has no spread");
        var z = Math.Max(0, Math.Abs(u - n1 * (double)n2 / 2) - 0.5) / Math.Sqrt(variance);
        return new TestResult("Mann–Whitney U (normal approximation)", u, double.NaN, Halved(Math.Min(1, 2 * (1 - Normal.CDF(0, 1, z)))),
            "normal approximation with tie and continuity corrections");
    }

    /// <summary>U by counting pairs: a win for each x above a y, half for each tie.</summary>
    internal double UStatistic(double[] first, double[] second)
    {
        var u = 0.0;
        foreach (var x in first)
            foreach (var y in second)
                u += x > y ? 1 : x == y ? (bug == HypothesisTestBug.TiesCountAsWins ? 1 : 0.5) : 0;
        return u;
    }

    /// <summary>Welch's t = (x̄ − ȳ)/√(s²ₓ/n + s²ᵧ/m) and the Welch–Satterthwaite degrees of freedom
    /// ν = (s²ₓ/n + s²ᵧ/m)² / ((s²ₓ/n)²/(n − 1) + (s²ᵧ/m)²/(m − 1)).</summary>
    internal static (double T, double DegreesOfFreedom) WelchStatistic(double[] first, double[] second)
    {
        #region Exercise 2.4-1d: Welch's t statistic and the Welch–Satterthwaite degrees of freedom (tests: HypothesisTestsTests.Welch_statistic_matches_its_formula_on_a_small_example, HypothesisTestsTests.Welch_with_equal_sizes_and_variances_is_the_pooled_t_test, HypothesisTestsTests.P_values_match_tails_integrated_from_the_densities, HypothesisTestsTests.The_reference_check_catches_a_one_tailed_p_value)
        double n = first.Length, m = second.Length;
        double meanX = first.Average(), meanY = second.Average();
        var varX = first.Sum(v => Square(v - meanX)) / (n - 1);
        var varY = second.Sum(v => Square(v - meanY)) / (m - 1);
        double a = varX / n, b = varY / m;
        var t = (meanX - meanY) / Math.Sqrt(a + b);
        var df = Square(a + b) / (a * a / (n - 1) + b * b / (m - 1));
        return (t, df);
        #endregion
    }

    /// <summary>Two-sided p-value of t with ν degrees of freedom: 2·P(T ≤ −|t|).</summary>
    internal double TwoSidedT(double t, double df) => Halved(2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));

    private double Halved(double twoSided) => bug == HypothesisTestBug.OneTailOnly ? twoSided / 2 : twoSided;

    private static void RequireSpread(string test, string name, double[] sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Length < 2) throw new DegenerateSampleException(test, name, $"has {sample.Length} value(s); at least 2 are needed for a variance");
        if (sample.Any(v => !double.IsFinite(v))) throw new DegenerateSampleException(test, name, "holds a NaN or infinite value");
        if (sample.All(v => v == sample[0])) throw new DegenerateSampleException(test, name, $"has no spread (every value is {sample[0]}): t is undefined");
    }

    private static double Square(double v) => v * v;
}
