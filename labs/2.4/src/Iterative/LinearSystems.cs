using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>The systems goal 2.4-3 solves, each with a stated law; b = A·1 in each, so the exact solution is all ones.</summary>
public static class LinearSystems
{
    /// <summary>The 1-D Poisson matrix shifted, tridiag(−1, 2.5, −1): strictly diagonally dominant; for this
    /// consistently ordered matrix ρ(G_GS) = ρ(G_Jacobi)² = (2cos(π/(n + 1))/2.5)².</summary>
    public static Matrix<double> ShiftedPoisson(int n) =>
        Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 2.5 : Math.Abs(i - j) == 1 ? -1 : 0);

    /// <summary>Dense, strictly diagonally dominant: off-diagonal entries U(−1, 1), a_ii = (1 + U(0.1, 0.5))·Σ_{j≠i}|a_ij|.</summary>
    public static Matrix<double> RandomDominant(int n, int seed)
    {
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0 : 2 * random.NextDouble() - 1);
        for (var i = 0; i < n; i++) a[i, i] = (1.1 + 0.4 * random.NextDouble()) * a.Row(i).L1Norm();
        return a;
    }

    /// <summary>Symmetric positive definite but not diagonally dominant: MᵀM/n + 0.5·I with M entries U(−1, 1) (Gauss–Seidel
    /// still converges: SPD is enough).</summary>
    public static Matrix<double> SpdNotDominant(int n, int seed)
    {
        var random = new Random(seed);
        var m = Matrix<double>.Build.Dense(n, n, (_, _) => 2 * random.NextDouble() - 1);
        return m.TransposeThisAndMultiply(m) / n + 0.5 * Matrix<double>.Build.DenseIdentity(n);
    }

    /// <summary>Neither dominant nor symmetric: diagonal 1, off-diagonal entries U(−1, 1) — ρ(G) far above 1.</summary>
    public static Matrix<double> NotDominant(int n, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : 2 * random.NextDouble() - 1);
    }

    public static Vector<double> OnesRightHandSide(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a * Vector<double>.Build.Dense(a.ColumnCount, 1);
    }
}
