using System.Runtime.CompilerServices;
namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// The reference kernels: one element per iteration, left to right, a single accumulator — what a plain loop does
/// (the JIT does not auto-vectorise these loops). The vectorised kernels are compared with them. Every kernel here and in
/// <see cref="VectorKernels"/> is compiled fully optimised on its first call, so tiering does not distort a timing.
/// </summary>
public static class ScalarKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(ReadOnlySpan<float> x)
    {
        var sum = 0f;
        for (var i = 0; i < x.Length; i++) sum += x[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sum(ReadOnlySpan<int> x)
    {
        var sum = 0L;
        for (var i = 0; i < x.Length; i++) sum += x[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        RequireSameLength(x.Length, y.Length);
        var sum = 0f;
        for (var i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>destination[i] = a·x[i] + y[i] (BLAS's axpy, into a separate destination).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(float a, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        RequireSameLength(x.Length, y.Length);
        RequireSameLength(x.Length, destination.Length);
        for (var i = 0; i < x.Length; i++) destination[i] = a * x[i] + y[i];
    }

    /// <summary>How many elements are strictly greater than <paramref name="threshold"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountAbove(ReadOnlySpan<float> x, float threshold)
    {
        var count = 0;
        for (var i = 0; i < x.Length; i++) if (x[i] > threshold) count++;
        return count;
    }

    /// <summary>Sum of the elements strictly greater than <paramref name="threshold"/> (a filtered sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumAbove(ReadOnlySpan<float> x, float threshold)
    {
        var sum = 0f;
        for (var i = 0; i < x.Length; i++) if (x[i] > threshold) sum += x[i];
        return sum;
    }

    /// <summary>destination[i] = (x[i] − mean) / σ with the population standard deviation; all zeros when σ = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ZScore(ReadOnlySpan<float> x, Span<float> destination)
    {
        RequireSameLength(x.Length, destination.Length);
        if (x.Length == 0) return;
        var mean = Sum(x) / x.Length;
        var squares = 0f;
        for (var i = 0; i < x.Length; i++) squares += (x[i] - mean) * (x[i] - mean);
        var sigma = MathF.Sqrt(squares / x.Length);
        for (var i = 0; i < x.Length; i++) destination[i] = sigma == 0 ? 0 : (x[i] - mean) / sigma;
    }

    internal static void RequireSameLength(int a, int b)
    {
        if (a != b) throw new ArgumentException($"the spans have different lengths ({a} and {b})");
    }
}
