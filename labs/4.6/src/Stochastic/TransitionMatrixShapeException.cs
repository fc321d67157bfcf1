namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A transition matrix must be square (n × n, n ≥ 1): entry [i, j] is the probability of moving from i to j.</summary>
public sealed class TransitionMatrixShapeException(int rows, int columns)
    : StatisticalInputException($"the transition matrix is {rows} × {columns}: it must be square and not empty (n × n, n ≥ 1).")
{
    public int Rows { get; } = rows;
    public int Columns { get; } = columns;
}
