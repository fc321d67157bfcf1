namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>A row of the transition matrix does not sum to 1 (within 1e-9): from that state the chain would have to go
/// somewhere with a total probability other than 1.</summary>
public sealed class RowSumException(int row, double sum)
    : StatisticalInputException($"row {row} of the transition matrix sums to {sum:R}, not 1: each row is the distribution of the next state.")
{
    public int Row { get; } = row;
    public double Sum { get; } = sum;
}
