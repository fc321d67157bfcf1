using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>Runs any of the measured kernels on the same row-major operands.</summary>
public static class MatMulKernels
{
    public static bool IsAvailable(MatMulKernel kernel) =>
        kernel is not (MatMulKernel.OpenBlasOneThread or MatMulKernel.OpenBlasAllThreads) || OpenBlas.IsAvailable;

    public static string Describe(MatMulKernel kernel) => kernel switch
    {
        MatMulKernel.Naive => "naive i-j-k",
        MatMulKernel.Blocked => $"blocked {MatrixMultiply.BlockSize}×{MatrixMultiply.BlockSize}, i-k-j",
        MatMulKernel.Simd => "SIMD 4×8 tile, Vector256 FMA",
        MatMulKernel.MathNetManaged => "MathNet managed provider (1 thread)",
        MatMulKernel.OpenBlasOneThread => "OpenBLAS dgemm (1 thread)",
        MatMulKernel.OpenBlasAllThreads => $"OpenBLAS dgemm ({Environment.ProcessorCount} threads)",
        _ => kernel.ToString(),
    };

    /// <summary>A runnable product for the operands: set-up (MathNet's matrices, OpenBLAS's thread count) happens here, once.</summary>
    public static Action Prepare(MatMulKernel kernel, double[] a, double[] b, double[] c, int n, MatMulBug bug = MatMulBug.None)
    {
        switch (kernel)
        {
            case MatMulKernel.Naive: return () => MatrixMultiply.Naive(a, b, c, n);
            case MatMulKernel.Blocked: return () => MatrixMultiply.Blocked(a, b, c, n, bug);
            case MatMulKernel.Simd: return () => MatrixMultiply.Simd(a, b, c, n, bug);
            case MatMulKernel.MathNetManaged:
            {
                // MathNet stores column-major: a row-major array read column-major is the transpose, so Bᵀ·Aᵀ = (AB)ᵀ,
                // whose column-major storage is AB row-major — exactly c.
                var ma = Matrix<double>.Build.Dense(n, n, a);
                var mb = Matrix<double>.Build.Dense(n, n, b);
                var mc = Matrix<double>.Build.Dense(n, n, c);
                return () =>
                {
                    Control.UseSingleThread();
                    try { mb.Multiply(ma, mc); }
                    finally { Control.UseMultiThreading(); }
                };
            }
            case MatMulKernel.OpenBlasOneThread:
                return () =>
                {
                    OpenBlas.Threads = 1;
                    OpenBlas.Multiply(a, b, c, n);
                };
            case MatMulKernel.OpenBlasAllThreads:
                return () =>
                {
                    OpenBlas.Threads = Environment.ProcessorCount;
                    OpenBlas.Multiply(a, b, c, n);
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "not a matrix-multiply kernel");
        }
    }

    /// <summary>Uniform entries in [-1, 1) from a seed.</summary>
    public static double[] RandomMatrix(int n, int seed)
    {
        var random = new Random(seed);
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++) m[i] = random.NextDouble() * 2 - 1;
        return m;
    }
}
