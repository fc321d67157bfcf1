namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>An entry of the matrix is NaN or infinite (or the matrix is empty, <see cref="Row"/> = −1): no SVD exists.</summary>
public sealed class NonFiniteMatrixException(int row, int column, double value)
    : StatisticalInputException(row < 0 ? "the matrix is empty: an SVD needs at least one row and one column." : $"entry [{row}, {column}] is {value}: every entry must be finite.")
{
    public int Row { get; } = row;
    public int Column { get; } = column;
}
