using System.Numerics.Tensors;

namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// The kernels through System.Numerics.Tensors' <see cref="TensorPrimitives"/>, which picks the widest vectors the CPU
/// has (Vector512 with AVX-512) and unrolls its loops.
/// </summary>
public static class TensorKernels
{
    public static float Sum(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);

    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ScalarKernels.RequireSameLength(x.Length, y.Length);
        return TensorPrimitives.Dot(x, y);
    }

    public static void Axpy(float a, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        ScalarKernels.RequireSameLength(x.Length, y.Length);
        ScalarKernels.RequireSameLength(x.Length, destination.Length);
        TensorPrimitives.MultiplyAdd(x, a, y, destination);
    }

    /// <summary>Z-scores with the population standard deviation: mean from Sum, σ from the sum of squared deviations.</summary>
    public static void ZScore(ReadOnlySpan<float> x, Span<float> destination)
    {
        ScalarKernels.RequireSameLength(x.Length, destination.Length);
        if (x.Length == 0) return;
        var mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, destination);
        var sigma = MathF.Sqrt(TensorPrimitives.SumOfSquares(destination) / x.Length);
        if (sigma == 0) destination.Clear();
        else TensorPrimitives.Divide(destination, sigma, destination);
    }
}
