namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>
/// The exact null distribution of the Mann–Whitney U statistic for samples of sizes n₁ and n₂ without ties: under
/// the null every one of the C(n₁ + n₂, n₁) orderings of the pooled values is equally likely, and U counts the
/// pairs (x, y) with x &gt; y. The number of orderings with U = u follows the recurrence
/// c(u; n₁, n₂) = c(u − n₂; n₁ − 1, n₂) + c(u; n₁, n₂ − 1), by whether the largest value belongs to the first
/// sample (it then beats all n₂ values of the second) or to the second; c(0; n₁, 0) = c(0; 0, n₂) = 1.
/// </summary>
public sealed class MannWhitneyDistribution
{
    private readonly double[] _counts;

    public MannWhitneyDistribution(int n1, int n2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n2);
        N1 = n1;
        N2 = n2;
        _counts = Counts(n1, n2);
        Total = _counts.Sum();
    }

    public int N1 { get; }
    public int N2 { get; }

    /// <summary>The number of orderings, C(n₁ + n₂, n₁).</summary>
    public double Total { get; }

    /// <summary>P(U = u) under the null.</summary>
    public double Probability(int u) => u < 0 || u >= _counts.Length ? 0 : _counts[u] / Total;

    /// <summary>P(U ≤ u) under the null.</summary>
    public double Cdf(int u) => u < 0 ? 0 : _counts.Take(Math.Min(u + 1, _counts.Length)).Sum() / Total;

    /// <summary>The two-sided p-value of an observed U: twice the smaller tail, at most 1 (the distribution is
    /// symmetric about n₁n₂/2).</summary>
    public double TwoSidedPValue(double u)
    {
        var lower = Cdf((int)Math.Floor(u));
        var upper = 1 - Cdf((int)Math.Ceiling(u) - 1);
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }

    /// <summary>c(u; n₁, n₂) for u = 0 … n₁n₂, by the recurrence, one table row per n₁ over all n₂' ≤ n₂.</summary>
    internal static double[] Counts(int n1, int n2)
    {
        #region Exercise 2.4-1e: the exact null distribution of U by its recurrence (tests: MannWhitneyTests.The_smallest_distributions_are_counted_by_hand, MannWhitneyTests.The_counts_add_up_to_every_ordering_and_are_symmetric, MannWhitneyTests.Exact_p_values_equal_brute_force_enumeration, MannWhitneyTests.The_normal_approximation_is_close_to_the_exact_test_for_larger_samples)
        // table[a][b] holds the counts for sizes (a, b) as an array over u = 0 … a·b.
        var table = new double[n1 + 1][][];
        for (var a = 0; a <= n1; a++)
        {
            table[a] = new double[n2 + 1][];
            for (var b = 0; b <= n2; b++)
            {
                var counts = new double[a * b + 1];
                if (a == 0 || b == 0) counts[0] = 1;
                else
                    for (var u = 0; u <= a * b; u++)
                    {
                        var largestInFirst = u - b >= 0 && u - b <= (a - 1) * b ? table[a - 1][b][u - b] : 0;
                        var largestInSecond = u <= a * (b - 1) ? table[a][b - 1][u] : 0;
                        counts[u] = largestInFirst + largestInSecond;
                    }
                table[a][b] = counts;
            }
        }
        return table[n1][n2];
        #endregion
    }
}
