using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// The same kernels written by hand with <see cref="Vector{T}"/>: <c>Vector&lt;T&gt;.Count</c> lanes per step (8 floats
/// with AVX2), one accumulator per lane, a horizontal sum at the end, then a scalar loop for the tail that does not
/// fill a whole vector. Float results differ from the scalar loop's by rounding only: the additions happen in another
/// order.
/// </summary>
public sealed class VectorKernels(KernelBug bug = KernelBug.None)
{
    public static VectorKernels Correct { get; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Sum(ReadOnlySpan<float> x)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        var acc = Vector<float>.Zero;
        foreach (var v in vectors) acc += v;
        var sum = Vector.Sum(acc);
        for (var i = TailStart(x.Length, Vector<float>.Count); i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Exact sum of 32-bit integers: each vector is widened to two vectors of longs before it is added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Sum(ReadOnlySpan<int> x)
    {
        var vectors = MemoryMarshal.Cast<int, Vector<int>>(x);
        var acc = Vector<long>.Zero;
        foreach (var v in vectors)
        {
            Vector.Widen(v, out var low, out var high);
            acc += low + high;
        }
        var sum = Vector.Sum(acc);
        for (var i = TailStart(x.Length, Vector<int>.Count); i < x.Length; i++) sum += x[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ScalarKernels.RequireSameLength(x.Length, y.Length);
        #region Exercise 1.3-1e: dot product with Vector<float>: multiply-accumulate whole vectors, reduce the lanes, then the scalar tail (tests: VectorKernelTests.Dot*, DataFramesVectorizationExperimentTests)
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        var acc = Vector<float>.Zero;
        for (var k = 0; k < xs.Length; k++) acc += xs[k] * ys[k];
        var sum = Vector.Dot(acc, Vector<float>.One);
        for (var i = TailStart(x.Length, Vector<float>.Count); i < x.Length; i++) sum += x[i] * y[i];
        return sum;
        #endregion
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Axpy(float a, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        ScalarKernels.RequireSameLength(x.Length, y.Length);
        ScalarKernels.RequireSameLength(x.Length, destination.Length);
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        var ds = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var va = new Vector<float>(a);
        for (var k = 0; k < xs.Length; k++) ds[k] = va * xs[k] + ys[k];
        for (var i = TailStart(x.Length, Vector<float>.Count); i < x.Length; i++) destination[i] = a * x[i] + y[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int CountAbove(ReadOnlySpan<float> x, float threshold)
    {
        #region Exercise 1.3-1f: count the elements above a threshold without branches: compare whole vectors, subtract the all-ones masks, then the tail (tests: ThresholdKernelTests.Counts*, DataFramesVectorizationExperimentTests)
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        var limit = new Vector<float>(threshold);
        var counts = Vector<int>.Zero;
        // A true lane of GreaterThan is all ones, i.e. −1 as an int: subtracting the mask adds 1 per hit.
        foreach (var v in vectors) counts -= Vector.GreaterThan(v, limit);
        var count = Vector.Sum(counts);
        for (var i = TailStart(x.Length, Vector<float>.Count); i < x.Length; i++) if (x[i] > threshold) count++;
        return count;
        #endregion
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float SumAbove(ReadOnlySpan<float> x, float threshold)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        var limit = new Vector<float>(threshold);
        var acc = Vector<float>.Zero;
        foreach (var v in vectors) acc += Vector.ConditionalSelect(Vector.GreaterThan(v, limit), v, Vector<float>.Zero);
        var sum = Vector.Sum(acc);
        for (var i = TailStart(x.Length, Vector<float>.Count); i < x.Length; i++) if (x[i] > threshold) sum += x[i];
        return sum;
    }

    /// <summary>Where the scalar tail starts: after the whole vectors — or, with the planted bug, nowhere.</summary>
    private int TailStart(int length, int width) => bug == KernelBug.DropsTail ? length : length - length % width;
}
