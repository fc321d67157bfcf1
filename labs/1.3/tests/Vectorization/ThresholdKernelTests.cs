using System.Numerics;
using StatelessMind.Labs.Programming.Vectorization;

namespace StatelessMind.Labs.Programming.Tests.Vectorization;

/// <summary>1.3-1f: the branch-free threshold count equals the scalar count exactly; the filtered sum and z-scores agree within rounding.</summary>
[Goal("1.3-1")]
public sealed class ThresholdKernelTests
{
    public static TheoryData<int> Lengths() => VectorKernelTests.Lengths();

    private static float[] Floats(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Counts_above_a_threshold_are_exact(int n)
    {
        var x = Floats(n, n);
        if (n > 2) x[n / 2] = 0.25f; // an element equal to the threshold does not count
        foreach (var t in new[] { -2f, -0.5f, 0.25f, 0.9f, 2f })
        {
            Assert.Equal(x.Count(v => v > t), ScalarKernels.CountAbove(x, t));
            Assert.Equal(ScalarKernels.CountAbove(x, t), VectorKernels.Correct.CountAbove(x, t));
        }
    }

    [Fact]
    public void The_planted_tail_bug_misses_the_last_elements_of_a_filtered_sum()
    {
        var x = Enumerable.Repeat(1f, 2 * Vector<float>.Count + 3).ToArray();
        Assert.NotEqual(ScalarKernels.SumAbove(x, 0), new VectorKernels(KernelBug.DropsTail).SumAbove(x, 0));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Filtered_sums_agree_within_the_summation_bound(int n)
    {
        var x = Floats(n, 2 * n);
        var bound = FloatTolerance.SummationBound(n, x.Where(v => v > 0.1f).Sum(v => Math.Abs((double)v)));
        Assert.InRange(Math.Abs((double)VectorKernels.Correct.SumAbove(x, 0.1f) - ScalarKernels.SumAbove(x, 0.1f)), 0, bound);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Z_scores_agree_with_a_double_precision_reference(int n)
    {
        var x = Floats(n, 4 * n).Select(v => 50 + 10 * v).ToArray();
        var (scalar, tensor) = (new float[n], new float[n]);
        ScalarKernels.ZScore(x, scalar);
        TensorKernels.ZScore(x, tensor);
        if (n == 0) return;
        var mean = x.Average(v => (double)v);
        var sigma = Math.Sqrt(x.Average(v => ((double)v - mean) * ((double)v - mean)));
        // Rounding in the mean and σ (sums of n terms) moves every z by at most about n·u·(|mean|/σ + |z|), plus the last division.
        for (var i = 0; i < n; i++)
        {
            var z = sigma == 0 ? 0 : (x[i] - mean) / sigma;
            var tolerance = 4 * (n + 2) * FloatTolerance.UnitRoundoff * (Math.Abs(mean) / Math.Max(sigma, 1e-30) + Math.Abs(z) + 1);
            Assert.InRange(Math.Abs(scalar[i] - z), 0, tolerance);
            Assert.InRange(Math.Abs(tensor[i] - z), 0, tolerance);
        }
    }

    [Fact]
    public void A_constant_column_has_z_scores_of_zero()
    {
        var x = Enumerable.Repeat(3f, 37).ToArray();
        var (scalar, tensor) = (new float[37], new float[37]);
        ScalarKernels.ZScore(x, scalar);
        TensorKernels.ZScore(x, tensor);
        Assert.All(scalar, v => Assert.Equal(0f, v));
        Assert.All(tensor, v => Assert.Equal(0f, v));
    }
}
