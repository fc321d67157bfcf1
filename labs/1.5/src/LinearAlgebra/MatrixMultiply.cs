using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>
/// C = A·B for square n×n matrices stored row-major in flat arrays, three ways: the textbook triple loop, a
/// cache-blocked loop, and a SIMD kernel with a 4×8 register tile. Each does the same 2n³ floating-point operations;
/// they differ only in how often they go back to memory for the same numbers.
/// </summary>
public static class MatrixMultiply
{
    /// <summary>Edge of the square tiles of the blocked kernel: three 64×64 tiles of doubles (96 KiB) stay in L2.</summary>
    public const int BlockSize = 64;

    /// <summary>Depth of one pass of the SIMD kernel over k: 4 rows of A and 256 rows of an 8-column strip of B stay in L1/L2.</summary>
    public const int SimdDepth = 256;

    /// <summary>The floating-point operations of one n×n product: n³ multiplies and n³ adds.</summary>
    public static double Flops(int n) => 2.0 * n * n * n;

    /// <summary>The textbook product: c[i,j] = Σ_k a[i,k]·b[k,j], walking B down a column for every element of C.</summary>
    public static void Naive(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        Validate(a, b, c, n);
        #region Exercise 1.5-1a: the triple loop, one dot product of a row of A and a column of B per element of C (tests: MatrixMultiplyTests.Naive*)
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
                c[i * n + j] = sum;
            }
        }
        #endregion
    }

    /// <summary>The product in <see cref="BlockSize"/>-square tiles: each tile of A and B is reused from cache
    /// <see cref="BlockSize"/> times before it is evicted, and the innermost loop runs along rows (unit stride).</summary>
    public static void Blocked(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, MatMulBug bug = MatMulBug.None)
    {
        Validate(a, b, c, n);
        c[..(n * n)].Clear();
        var edge = bug == MatMulBug.LastPartialBlockSkipped ? n - n % BlockSize : n;
        for (var ii = 0; ii < edge; ii += BlockSize)
        for (var kk = 0; kk < edge; kk += BlockSize)
        for (var jj = 0; jj < edge; jj += BlockSize)
            MultiplyTile(a, b, c, n, ii, Math.Min(ii + BlockSize, n), kk, Math.Min(kk + BlockSize, n), jj, Math.Min(jj + BlockSize, n));
    }

    /// <summary>Adds A[i0..i1, k0..k1]·B[k0..k1, j0..j1] into C[i0..i1, j0..j1].</summary>
    internal static void MultiplyTile(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n,
        int i0, int i1, int k0, int k1, int j0, int j1)
    {
        #region Exercise 1.5-1b: one tile of the blocked product in i-k-j order, so the inner loop walks rows of B and C (tests: MatrixMultiplyTests.Blocked*)
        var width = j1 - j0;
        for (var i = i0; i < i1; i++)
        {
            // Slices of exactly the tile's width let the JIT drop the bounds checks of the inner loop.
            var cRow = c.Slice(i * n + j0, width);
            for (var k = k0; k < k1; k++)
            {
                var aik = a[i * n + k];
                var bRow = b.Slice(k * n + j0, width);
                for (var j = 0; j < cRow.Length && j < bRow.Length; j++) cRow[j] += aik * bRow[j];
            }
        }
        #endregion
    }

    /// <summary>
    /// The SIMD product: C is cut into 4×8 tiles, each accumulated in eight 256-bit registers over a depth of
    /// <see cref="SimdDepth"/> terms (one fused multiply-add per register per term), then added to C. Rows and
    /// columns that do not fill a tile are done by the scalar loop.
    /// </summary>
    public static void Simd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, MatMulBug bug = MatMulBug.None)
    {
        Validate(a, b, c, n);
        c[..(n * n)].Clear();
        var rowsInTiles = n - n % 4;
        var colsInTiles = n - n % 8;
        var lastColumn = bug == MatMulBug.TailColumnsSkipped ? colsInTiles : n;
        for (var k0 = 0; k0 < n; k0 += SimdDepth)
        {
            var k1 = Math.Min(k0 + SimdDepth, n);
            for (var i = 0; i < rowsInTiles; i += 4)
            {
                for (var j = 0; j < colsInTiles; j += 8) Tile4x8(a, b, c, n, i, j, k0, k1);
                MultiplyTile(a, b, c, n, i, i + 4, k0, k1, colsInTiles, lastColumn);
            }
            MultiplyTile(a, b, c, n, rowsInTiles, n, k0, k1, 0, lastColumn);
        }
    }

    /// <summary>Adds A[i..i+4, k0..k1]·B[k0..k1, j..j+8] into C[i..i+4, j..j+8] with eight vector accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile4x8(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, int i, int j, int k0, int k1)
    {
        #region Exercise 1.5-1c: the 4x8 register tile, broadcast a[i+r,k] and fused-multiply-add it with two vectors of row k of B (tests: MatrixMultiplyTests.Simd*)
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var c00 = Vector256<double>.Zero; var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero; var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero; var c31 = Vector256<double>.Zero;
        for (var k = k0; k < k1; k++)
        {
            var bk = (nuint)(k * n + j);
            var b0v = Vector256.LoadUnsafe(ref b0, bk);
            var b1v = Vector256.LoadUnsafe(ref b0, bk + 4);
            var a0v = Vector256.Create(Unsafe.Add(ref a0, i * n + k));
            var a1v = Vector256.Create(Unsafe.Add(ref a0, (i + 1) * n + k));
            var a2v = Vector256.Create(Unsafe.Add(ref a0, (i + 2) * n + k));
            var a3v = Vector256.Create(Unsafe.Add(ref a0, (i + 3) * n + k));
            c00 = Vector256.FusedMultiplyAdd(a0v, b0v, c00); c01 = Vector256.FusedMultiplyAdd(a0v, b1v, c01);
            c10 = Vector256.FusedMultiplyAdd(a1v, b0v, c10); c11 = Vector256.FusedMultiplyAdd(a1v, b1v, c11);
            c20 = Vector256.FusedMultiplyAdd(a2v, b0v, c20); c21 = Vector256.FusedMultiplyAdd(a2v, b1v, c21);
            c30 = Vector256.FusedMultiplyAdd(a3v, b0v, c30); c31 = Vector256.FusedMultiplyAdd(a3v, b1v, c31);
        }
        AddInto(ref c0, (nuint)(i * n + j), c00, c01);
        AddInto(ref c0, (nuint)((i + 1) * n + j), c10, c11);
        AddInto(ref c0, (nuint)((i + 2) * n + j), c20, c21);
        AddInto(ref c0, (nuint)((i + 3) * n + j), c30, c31);
        #endregion
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto(ref double c, nuint offset, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.LoadUnsafe(ref c, offset) + low).StoreUnsafe(ref c, offset);
        (Vector256.LoadUnsafe(ref c, offset + 4) + high).StoreUnsafe(ref c, offset + 4);
    }

    private static void Validate(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, int n)
    {
        if (n < 1) throw new MatrixShapeException("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "a size of at least 1");
        var need = (long)n * n;
        if (a.Length < need) throw new MatrixShapeException("A", $"{a.Length} elements", $"{need} elements for {n}×{n}");
        if (b.Length < need) throw new MatrixShapeException("B", $"{b.Length} elements", $"{need} elements for {n}×{n}");
        if (c.Length < need) throw new MatrixShapeException("C", $"{c.Length} elements", $"{need} elements for {n}×{n}");
    }
}
