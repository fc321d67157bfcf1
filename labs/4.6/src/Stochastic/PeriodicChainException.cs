namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>The chain is irreducible but periodic: its stationary distribution is unique, yet Pⁿ does not converge, so
/// no limit distribution exists.</summary>
public sealed class PeriodicChainException(int period)
    : StatisticalInputException($"the chain has period {period}: Pⁿ cycles instead of converging, so it has no limit distribution (its stationary distribution is still unique).")
{
    public int Period { get; } = period;
}
