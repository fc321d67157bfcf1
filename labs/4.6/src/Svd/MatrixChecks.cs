using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.StochasticStatistics.Svd;

internal static class MatrixChecks
{
    public static void RequireFinite(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.RowCount == 0 || a.ColumnCount == 0) throw new NonFiniteMatrixException(-1, -1, double.NaN);
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < a.ColumnCount; j++)
                if (!double.IsFinite(a[i, j])) throw new NonFiniteMatrixException(i, j, a[i, j]);
    }

    public static void RequireRank(int rank, Matrix<double> a)
    {
        if (rank < 1 || rank > Math.Min(a.RowCount, a.ColumnCount)) throw new RankOutOfRangeException(rank, a.RowCount, a.ColumnCount);
    }
}
