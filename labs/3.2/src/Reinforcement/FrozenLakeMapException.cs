namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>A FrozenLake map is malformed: names the row and column, and what was expected there.</summary>
public sealed class FrozenLakeMapException(int row, int column, string expected)
    : Exception($"FrozenLake map, row {row}, column {column}: expected {expected}.")
{
    public int Row { get; } = row;
    public int Column { get; } = column;
}
