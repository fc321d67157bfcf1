using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

[Goal("1.2-2")]
public sealed class KolmogorovSmirnovTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hand_computed_example()
    {
        // F_a steps at 1, 2, 3 by 1/3; F_b at 2.5, 3.5 by 1/2. The gap is largest on [2, 2.5): 2/3 − 0.
        Assert.Equal(2.0 / 3, KolmogorovSmirnov.Statistic([3, 1, 2], [3.5, 2.5]), 12);
        Assert.Equal(0, KolmogorovSmirnov.Statistic([1, 2, 3], [3, 2, 1]));
        Assert.Equal(1, KolmogorovSmirnov.Statistic([1, 2], [5, 6]));
    }

    [Fact]
    public void Ties_across_the_samples_are_stepped_over_together()
    {
        // Both CDFs jump at 1 and 2; measured between steps the gap is 0.5 at x = 1 (1 vs 0.5), never 1.
        Assert.Equal(0.5, KolmogorovSmirnov.Statistic([1, 1], [1, 2]), 12);
    }

    [Theory]
    [InlineData(1, 200, 300, 0.0)]
    [InlineData(2, 500, 80, 0.3)]
    [InlineData(3, 1_000, 1_000, 1.0)]
    public void It_equals_the_largest_gap_between_mathnets_empirical_cdfs(int seed, int n, int m, double shift)
    {
        var random = new Random(seed);
        // Rounded to one decimal, so that ties within and across the samples are common.
        var a = Normal.Samples(random, 0, 1).Take(n).Select(x => Math.Round(x, 1)).ToArray();
        var b = Normal.Samples(random, shift, 1).Take(m).Select(x => Math.Round(x, 1)).ToArray();
        var fa = Statistics.EmpiricalCDFFunc(a);
        var fb = Statistics.EmpiricalCDFFunc(b);

        var textbook = a.Concat(b).Max(x => Math.Abs(fa(x) - fb(x)));
        var walk = KolmogorovSmirnov.Statistic(a, b);

        output.WriteLine($"n={n} m={m} shift={shift}: D={walk:0.000000}, MathNet {textbook:0.000000}");
        Assert.Equal(textbook, walk, 12);
    }

    [Fact]
    public void Two_samples_of_one_law_stay_below_the_five_percent_critical_value_and_a_shifted_one_exceeds_it()
    {
        var random = new Random(9);
        var a = Normal.Samples(random, 0, 1).Take(2_000).ToArray();
        var b = Normal.Samples(random, 0, 1).Take(2_000).ToArray();
        var c = Normal.Samples(random, 0.5, 1).Take(2_000).ToArray();
        var critical = 1.358 * Math.Sqrt(2.0 / 2_000); // c(α = 0.05) √((n + m) / nm)

        Assert.True(KolmogorovSmirnov.Statistic(a, b) < critical);
        Assert.True(KolmogorovSmirnov.Statistic(a, c) > critical);
    }
}
