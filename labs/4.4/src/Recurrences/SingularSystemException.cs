namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>A linear system has no unique solution: column <see cref="Column"/> has no non-zero pivot.</summary>
public sealed class SingularSystemException(int column, int size)
    : InvalidOperationException($"the {size}×{size} system is singular: column {column} has no non-zero pivot at or below the diagonal")
{
    public int Column { get; } = column;
}
