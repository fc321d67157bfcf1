namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>Gaussian elimination over the rationals: no rounding, so a solution is exact or the system is singular.</summary>
public static class ExactLinearSolver
{
    /// <summary>x with A x = b for a square A; <see cref="SingularSystemException"/> when A is singular.</summary>
    public static Rational[] Solve(Rational[,] a, Rational[] b)
    {
        var n = b.Length;
        if (a.GetLength(0) != n || a.GetLength(1) != n)
            throw new ArgumentException($"A is {a.GetLength(0)}×{a.GetLength(1)} but b has {n} entries: expected a square {n}×{n} A", nameof(a));
        var m = (Rational[,])a.Clone();
        var x = (Rational[])b.Clone();
        #region Exercise 4.4-3c: exact Gaussian elimination - any non-zero pivot, eliminate below, then substitute back (tests: ExactLinearSolverTests)
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            while (pivot < n && m[pivot, col].IsZero) pivot++;
            if (pivot == n) throw new SingularSystemException(col, n);
            if (pivot != col)
            {
                for (var j = 0; j < n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var row = col + 1; row < n; row++)
            {
                if (m[row, col].IsZero) continue;
                var factor = m[row, col] / m[col, col];
                for (var j = col; j < n; j++) m[row, j] -= factor * m[col, j];
                x[row] -= factor * x[col];
            }
        }
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = x[row];
            for (var j = row + 1; j < n; j++) sum -= m[row, j] * x[j];
            x[row] = sum / m[row, row];
        }
        return x;
        #endregion
    }
}
