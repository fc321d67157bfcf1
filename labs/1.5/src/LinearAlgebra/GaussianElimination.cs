namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>
/// The hand method, written out: Gaussian elimination with partial pivoting (PA = LU), and the determinant, solution
/// of Ax = b and inverse that follow from it. It is the independent reference MathNet's results are checked against.
/// </summary>
public static class GaussianElimination
{
    /// <summary>Pivots smaller than this times the largest entry of A count as zero.</summary>
    public const double RelativePivotTolerance = 1e-12;

    /// <summary>Factors a square matrix; throws <see cref="SingularMatrixException"/> naming the column without a pivot.</summary>
    public static LuFactors Decompose(double[,] a)
    {
        var n = a.GetLength(0);
        if (n == 0 || a.GetLength(1) != n)
            throw new MatrixShapeException("A", $"{a.GetLength(0)}×{a.GetLength(1)}", "a non-empty square matrix");
        var lu = (double[,])a.Clone();
        var permutation = Enumerable.Range(0, n).ToArray();
        var scale = 0.0;
        foreach (var x in a) scale = Math.Max(scale, Math.Abs(x));
        var tolerance = RelativePivotTolerance * Math.Max(scale, double.Epsilon);
        var sign = 1;
        #region Exercise 1.5-1d: elimination with partial pivoting, swapping in the largest pivot of each column and storing the multipliers below the diagonal (tests: GaussianEliminationTests.The*, GaussianEliminationTests.A_row*, GaussianEliminationTests.Solving*, GaussianEliminationTests.Partial*, GaussianEliminationTests.A_singular*)
        for (var col = 0; col < n; col++)
        {
            var pivotRow = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(lu[r, col]) > Math.Abs(lu[pivotRow, col])) pivotRow = r;
            if (Math.Abs(lu[pivotRow, col]) <= tolerance) throw new SingularMatrixException(col, Math.Abs(lu[pivotRow, col]), tolerance);
            if (pivotRow != col)
            {
                for (var c = 0; c < n; c++) (lu[col, c], lu[pivotRow, c]) = (lu[pivotRow, c], lu[col, c]);
                (permutation[col], permutation[pivotRow]) = (permutation[pivotRow], permutation[col]);
                sign = -sign;
            }
            for (var r = col + 1; r < n; r++)
            {
                var factor = lu[r, col] / lu[col, col];
                lu[r, col] = factor;
                for (var c = col + 1; c < n; c++) lu[r, c] -= factor * lu[col, c];
            }
        }
        #endregion
        return new LuFactors(lu, permutation, sign);
    }

    /// <summary>det A = sign(P) · Π u_ii.</summary>
    public static double Determinant(double[,] a)
    {
        try
        {
            var f = Decompose(a);
            var det = (double)f.Sign;
            for (var i = 0; i < f.Size; i++) det *= f.Combined[i, i];
            return det;
        }
        catch (SingularMatrixException)
        {
            return 0.0;
        }
    }

    /// <summary>Solves Ax = b by forward and back substitution on the factors.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        if (b.Length != a.GetLength(0)) throw new MatrixShapeException("b", $"{b.Length} elements", $"{a.GetLength(0)} (the rows of A)");
        return Solve(Decompose(a), b);
    }

    public static double[] Solve(LuFactors f, double[] b)
    {
        var n = f.Size;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[f.Permutation[i]];
            for (var j = 0; j < i; j++) sum -= f.Combined[i, j] * x[j];
            x[i] = sum;
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = x[i];
            for (var j = i + 1; j < n; j++) sum -= f.Combined[i, j] * x[j];
            x[i] = sum / f.Combined[i, i];
        }
        return x;
    }

    /// <summary>A⁻¹, one column per unit vector.</summary>
    public static double[,] Inverse(double[,] a)
    {
        var f = Decompose(a);
        var n = f.Size;
        var inverse = new double[n, n];
        for (var col = 0; col < n; col++)
        {
            var e = new double[n];
            e[col] = 1;
            var x = Solve(f, e);
            for (var row = 0; row < n; row++) inverse[row, col] = x[row];
        }
        return inverse;
    }
}
