using StatelessMind.Labs.MathFoundations.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Tests.LinearAlgebra;

[Goal("1.5-1")]
public sealed class MatrixMultiplyTests
{
    private static double[] Product(Action<double[], double[], double[], int> kernel, double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        kernel(a, b, c, n);
        return c;
    }

    /// <summary>The reference for the fast kernels: Σ_k a[i,k]·b[k,j] written inline, independent of every kernel under test.</summary>
    private static double[] Reference(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
        return c;
    }

    private static void AssertClose(double[] expected, double[] actual, int n)
    {
        var tolerance = 16 * n * MatMulMeasurement.MachineEpsilon * Math.Max(1, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element ({i / n}, {i % n}): expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Naive_multiplies_a_hand_computed_2x2()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]
        Assert.Equal([19.0, 22, 43, 50], Product((x, y, z, m) => MatrixMultiply.Naive(x, y, z, m), [1, 2, 3, 4], [5, 6, 7, 8], 2));
    }

    [Fact]
    public void Naive_times_the_identity_is_the_matrix()
    {
        const int n = 5;
        var a = MatMulKernels.RandomMatrix(n, 1);
        var identity = new double[n * n];
        for (var i = 0; i < n; i++) identity[i * n + i] = 1;
        Assert.Equal(a, Product((x, y, z, m) => MatrixMultiply.Naive(x, y, z, m), a, identity, n));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    public void Blocked_equals_the_reference_product_whether_or_not_n_is_a_multiple_of_the_block(int n)
    {
        var a = MatMulKernels.RandomMatrix(n, n);
        var b = MatMulKernels.RandomMatrix(n, n + 1);
        AssertClose(Reference(a, b, n), Product((x, y, z, m) => MatrixMultiply.Blocked(x, y, z, m), a, b, n), n);
    }

    [Fact]
    public void Blocked_tile_adds_into_c_instead_of_overwriting()
    {
        // One tile over k in two halves must give the whole sum.
        double[] a = [1, 2, 3, 4];
        double[] b = [5, 6, 7, 8];
        var c = new double[4];
        MatrixMultiply.MultiplyTile(a, b, c, 2, 0, 2, 0, 1, 0, 2);
        MatrixMultiply.MultiplyTile(a, b, c, 2, 0, 2, 1, 2, 0, 2);
        Assert.Equal([19.0, 22, 43, 50], c);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(130)]
    [InlineData(300)]
    public void Simd_equals_the_reference_product_with_partial_tiles(int n)
    {
        var a = MatMulKernels.RandomMatrix(n, 3 * n);
        var b = MatMulKernels.RandomMatrix(n, 3 * n + 1);
        AssertClose(Reference(a, b, n), Product((x, y, z, m) => MatrixMultiply.Simd(x, y, z, m), a, b, n), n);
    }

    [Fact]
    public void Simd_tile_accumulates_four_rows_by_eight_columns()
    {
        const int n = 8;
        var a = MatMulKernels.RandomMatrix(n, 5);
        var b = MatMulKernels.RandomMatrix(n, 6);
        var c = new double[n * n];
        MatrixMultiply.Tile4x8(a, b, c, n, 4, 0, 0, n);
        var expected = Reference(a, b, n);
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            Assert.Equal(i >= 4 ? expected[i * n + j] : 0, c[i * n + j], 12);
    }

    [Fact]
    public void The_mathnet_and_openblas_kernels_equal_the_reference_product()
    {
        Assert.True(OpenBlas.IsAvailable, OpenBlas.UnavailableReason);
        const int n = 70;
        var a = MatMulKernels.RandomMatrix(n, 7);
        var b = MatMulKernels.RandomMatrix(n, 8);
        var expected = Reference(a, b, n);
        foreach (var kernel in new[] { MatMulKernel.MathNetManaged, MatMulKernel.OpenBlasOneThread, MatMulKernel.OpenBlasAllThreads })
        {
            var c = new double[n * n];
            MatMulKernels.Prepare(kernel, a, b, c, n)();
            AssertClose(expected, c, n);
        }
    }

    [Fact]
    public void Operands_too_small_for_n_are_a_shape_error_naming_the_operand()
    {
        var error = Assert.Throws<MatrixShapeException>(() => MatrixMultiply.Simd(new double[9], new double[8], new double[9], 3));
        Assert.Equal("B", error.Operand);
        Assert.Contains("9 elements for 3×3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MatMulBug.LastPartialBlockSkipped, MatMulKernel.Blocked)]
    [InlineData(MatMulBug.TailColumnsSkipped, MatMulKernel.Simd)]
    public void Planted_bug_a_kernel_that_skips_its_edges_differs_from_the_reference(MatMulBug bug, MatMulKernel kernel)
    {
        const int n = 70; // neither a multiple of the block (64) nor of the tile width (8)
        var a = MatMulKernels.RandomMatrix(n, 9);
        var b = MatMulKernels.RandomMatrix(n, 10);
        var c = new double[n * n];
        MatMulKernels.Prepare(kernel, a, b, c, n, bug)();
        var expected = Reference(a, b, n);
        var wrong = Enumerable.Range(0, c.Length).Count(i => Math.Abs(expected[i] - c[i]) > 1e-9);
        Assert.True(wrong > 0, $"{bug}: every element matched, so the check could not catch the planted bug");
    }
}
