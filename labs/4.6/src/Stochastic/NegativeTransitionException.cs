namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A transition probability is negative, NaN or infinite.</summary>
public sealed class NegativeTransitionException(int row, int column, double value)
    : StatisticalInputException($"entry [{row}, {column}] of the transition matrix is {value}: every entry must be a probability, finite and ≥ 0.")
{
    public int Row { get; } = row;
    public int Column { get; } = column;
    public double Value { get; } = value;
}
