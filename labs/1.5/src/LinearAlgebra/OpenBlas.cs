using System.Runtime.InteropServices;

namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>
/// Debian's OpenBLAS (<c>libopenblas0</c>), called directly: <c>cblas_dgemm</c> is the native baseline the C# kernels
/// are measured against. MathNet's own OpenBLAS provider needs a library no Linux package ships, so the lab binds the
/// system library itself. When it is missing, <see cref="IsAvailable"/> is false and <see cref="UnavailableReason"/>
/// says what to install.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTranspose = 111;

    /// <summary>Where Debian puts the library: the alternatives link first, then the pthread build itself.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
    ];

    private static readonly Lazy<Binding?> Bound = new(Bind);

    public static bool IsAvailable => Bound.Value is not null;

    /// <summary>Why the library could not be used (null when it can).</summary>
    public static string? UnavailableReason => IsAvailable ? null
        : $"OpenBLAS was not found (tried {string.Join(", ", Candidates)}): install Debian's libopenblas0 (make setup does)";

    /// <summary>The file the library was loaded from.</summary>
    public static string? LoadedFrom => Bound.Value?.Path;

    /// <summary>The threads OpenBLAS uses for one call.</summary>
    public static int Threads
    {
        get => Require().GetThreads();
        set => Require().SetThreads(value);
    }

    /// <summary>C = A·B for n×n row-major matrices through <c>cblas_dgemm</c> (alpha 1, beta 0).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        var need = (long)n * n;
        if (n < 1 || a.Length < need || b.Length < need || c.Length < need)
            throw new MatrixShapeException("A, B, C", $"{a.Length}, {b.Length}, {c.Length} elements", $"{need} each for {n}×{n}");
        var binding = Require();
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
            binding.Dgemm(RowMajor, NoTranspose, NoTranspose, n, n, n, 1.0, pa, n, pb, n, 0.0, pc, n);
    }

    private static Binding Require() => Bound.Value ?? throw new DllNotFoundException(UnavailableReason);

    private static Binding? Bind()
    {
        foreach (var candidate in Candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var handle)) continue;
            if (NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var dgemm)
                && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var set)
                && NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var get))
            {
                return new Binding(candidate,
                    (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm,
                    (delegate* unmanaged<int, void>)set, (delegate* unmanaged<int>)get);
            }
            NativeLibrary.Free(handle);
        }
        return null;
    }

    private sealed class Binding(
        string path,
        delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> dgemm,
        delegate* unmanaged<int, void> setThreads,
        delegate* unmanaged<int> getThreads)
    {
        public string Path { get; } = path;

        public void Dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb,
            double beta, double* c, int ldc) => dgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        public void SetThreads(int threads) => setThreads(threads);

        public int GetThreads() => getThreads();
    }
}
