namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>Elimination found no usable pivot: the matrix is singular (or numerically so) from this column on.</summary>
public sealed class SingularMatrixException(int column, double largestPivot, double tolerance)
    : InvalidOperationException($"The matrix is singular: column {column} has no pivot larger than {tolerance:G3} in magnitude " +
                                $"(the largest candidate was {largestPivot:G3}), so it has no inverse and Ax = b has no unique solution.")
{
    /// <summary>The 0-based column where elimination stopped.</summary>
    public int Column { get; } = column;

    public double LargestPivot { get; } = largestPivot;
}
