namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>A diagonal entry a_ii is zero, so the i-th equation cannot be solved for x_i (Gauss–Seidel and Jacobi divide
/// by it). Reorder the equations, or use a direct solver with pivoting.</summary>
public sealed class ZeroPivotException(int row)
    : NumericalMethodException($"the diagonal entry a[{row},{row}] is zero: equation {row} cannot be solved for x[{row}]; reorder the rows so that no diagonal entry is zero, or use LU with pivoting.")
{
    public int Row { get; } = row;
}
