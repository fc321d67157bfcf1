namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>The chain is reducible: some state cannot be reached from another, so it has no unique stationary
/// distribution (each closed class carries one of its own, and any mixture of them is stationary too).</summary>
public sealed class ReducibleChainException(int from, int to)
    : StatisticalInputException($"state {to} cannot be reached from state {from}: the chain is reducible and has no unique stationary distribution.")
{
    public int From { get; } = from;
    public int To { get; } = to;
}
