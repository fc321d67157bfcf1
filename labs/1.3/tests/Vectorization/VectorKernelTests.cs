using System.Numerics;
using StatelessMind.Labs.Programming.Vectorization;

namespace StatelessMind.Labs.Programming.Tests.Vectorization;

/// <summary>
/// 1.3-1e: the Vector&lt;T&gt; and TensorPrimitives kernels equal the scalar loops — exactly for integers, within the
/// rounding bound of reordered summation (sums, dot) or 1 ulp (element-wise) for floats — at every length from 0 to
/// a few vectors past a multiple of the width, and the planted tail bug is caught.
/// </summary>
[Goal("1.3-1")]
public sealed class VectorKernelTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        var w = Vector<float>.Count;
        foreach (var n in new[] { 0, 1, w - 1, w, w + 1, 2 * w + 3, 3 * w - 1, 1000, 4099 }.Distinct()) data.Add(n);
        return data;
    }

    private static float[] Floats(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 200 - 100)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_products_agree_within_the_summation_bound(int n)
    {
        var (x, y) = (Floats(n, n), Floats(n, n + 1));
        var scalar = ScalarKernels.Dot(x, y);
        var bound = FloatTolerance.SummationBound(n, x.Zip(y, (a, b) => Math.Abs((double)a * b)).Sum());
        Assert.InRange(Math.Abs((double)VectorKernels.Correct.Dot(x, y) - scalar), 0, bound);
        Assert.InRange(Math.Abs((double)TensorKernels.Dot(x, y) - scalar), 0, bound);
        // The bound is not vacuous: it is far below the exact value's size unless the data cancel.
        Assert.True(bound <= 1e-3 * Math.Max(1, x.Zip(y, (a, b) => Math.Abs((double)a * b)).Sum()));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_sums_agree_within_the_summation_bound(int n)
    {
        var x = Floats(n, 3 * n);
        var bound = FloatTolerance.SummationBound(n, x.Sum(v => Math.Abs((double)v)));
        var scalar = ScalarKernels.Sum(x);
        Assert.InRange(Math.Abs((double)VectorKernels.Correct.Sum(x) - scalar), 0, bound);
        Assert.InRange(Math.Abs((double)TensorKernels.Sum(x) - scalar), 0, bound);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Integer_sums_are_exact_even_past_the_range_of_int(int n)
    {
        var rng = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => rng.Next(int.MinValue, int.MaxValue)).ToArray();
        Assert.Equal(x.Sum(v => (long)v), ScalarKernels.Sum(x));
        Assert.Equal(ScalarKernels.Sum(x), VectorKernels.Correct.Sum(x));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Axpy_agrees_element_by_element_within_one_ulp(int n)
    {
        var (x, y) = (Floats(n, 5 * n), Floats(n, 5 * n + 1));
        var (scalar, vector, tensor) = (new float[n], new float[n], new float[n]);
        ScalarKernels.Axpy(-1.75f, x, y, scalar);
        VectorKernels.Correct.Axpy(-1.75f, x, y, vector);
        TensorKernels.Axpy(-1.75f, x, y, tensor);
        for (var i = 0; i < n; i++)
        {
            Assert.InRange(FloatTolerance.UlpDistance(scalar[i], vector[i]), 0, 1);
            Assert.InRange(FloatTolerance.UlpDistance(scalar[i], tensor[i]), 0, 1);
        }
    }

    [Fact]
    public void The_planted_bug_that_drops_the_tail_is_caught_on_a_length_that_is_not_a_multiple_of_the_width()
    {
        var n = 3 * Vector<float>.Count + 2;
        var (x, y) = (Floats(n, 1), Floats(n, 2));
        var buggy = new VectorKernels(KernelBug.DropsTail);
        var bound = FloatTolerance.SummationBound(n, x.Sum(v => Math.Abs((double)v)));
        Assert.True(Math.Abs((double)buggy.Sum(x) - ScalarKernels.Sum(x)) > bound);
        var (expected, actual) = (new float[n], new float[n]);
        ScalarKernels.Axpy(2, x, y, expected);
        buggy.Axpy(2, x, y, actual);
        Assert.NotEqual(expected[^1], actual[^1]);
        var ints = Enumerable.Range(1, n).ToArray();
        Assert.NotEqual(ScalarKernels.Sum(ints), buggy.Sum(ints));
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => VectorKernels.Correct.Dot(new float[3], new float[4]));
        Assert.Contains("different lengths", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TensorKernels.Axpy(1, new float[3], new float[3], new float[2]));
    }
}
